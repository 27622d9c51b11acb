using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace BackCareBot.Protocol.Auth;

/// <summary>A signing key from an OpenID metadata document, with the channels it is endorsed for (empty: any).</summary>
public sealed record SigningKey(SecurityKey Key, IReadOnlyList<string> Endorsements);

/// <summary>
/// The signing keys behind one OpenID metadata URL, fetched on first use, again when older than the maximum age,
/// and again for an unknown key id at most once per refresh interval.
/// </summary>
public sealed class SigningKeySource(string metadataUrl, HttpClient http, TimeProvider time, TimeSpan maxAge, TimeSpan unknownKeyInterval) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Dictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task<SigningKey?> FindAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            return null;
        }

        if (!IsStale() && _keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsStale() && _keys.TryGetValue(keyId, out key))
            {
                return key;
            }

            if (IsStale() || time.GetUtcNow() - _fetchedAt >= unknownKeyInterval)
            {
                _keys = await FetchAsync(cancellationToken).ConfigureAwait(false);
                _fetchedAt = time.GetUtcNow();
            }

            return _keys.GetValueOrDefault(keyId);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsStale() => time.GetUtcNow() - _fetchedAt >= maxAge;

    private async Task<Dictionary<string, SigningKey>> FetchAsync(CancellationToken cancellationToken)
    {
        string jwksUri;
        using (var metadata = await GetJsonAsync(new Uri(metadataUrl), cancellationToken).ConfigureAwait(false))
        {
            jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new InvalidOperationException("The OpenID metadata has no jwks_uri.");
        }

        using var jwks = await GetJsonAsync(new Uri(jwksUri), cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        if (!jwks.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return keys;
        }

        foreach (var item in list.EnumerateArray())
        {
            var key = new JsonWebKey(item.GetRawText());
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }

            var endorsements = item.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
                : [];
            keys[key.Kid] = new SigningKey(key, endorsements);
        }

        return keys;
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
