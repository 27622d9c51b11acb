using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackCareBot.Protocol.DirectLine;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.DirectLine;

/// <summary>A token's verified claims: which conversation it opens, as which user, until when.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues and checks Direct Line tokens: HS256 JWTs with a <c>user</c> claim, so Web Chat posts as the user the
/// server chose (see protocol.md "User id"). The key is random per process unless a secret is configured.
/// </summary>
public sealed class DirectLineTokens
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        var secret = options.Value.Secret;
        _key = string.IsNullOrEmpty(secret) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes("directline-token|" + secret));
        _time = time;
        _lifetime = options.Value.TokenLifetime;
    }

    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    public string Issue(string conversationId, string userId)
    {
        var claims = new DirectLineClaims
        {
            ConversationId = conversationId,
            User = userId,
            ExpiresAt = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds(),
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims, DirectLineJsonContext.Default.DirectLineClaims);
        var signed = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload);
        return signed + "." + Base64Url.EncodeToString(Sign(signed));
    }

    /// <summary>The grant of a well-formed, correctly signed, unexpired token; null otherwise.</summary>
    public DirectLineGrant? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        var lastDot = token.LastIndexOf('.');
        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        if (firstDot <= 0 || lastDot <= firstDot)
        {
            return null;
        }

        var signed = token[..lastDot];
        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
            payload = Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(signed)))
        {
            return null;
        }

        var claims = JsonSerializer.Deserialize(payload, DirectLineJsonContext.Default.DirectLineClaims);
        if (claims?.ConversationId is not { Length: > 0 } conversationId || claims.User is not { Length: > 0 } user)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt);
        return expiresAt <= _time.GetUtcNow() ? null : new DirectLineGrant(conversationId, user, expiresAt);
    }

    private byte[] Sign(string signed) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(signed));
}
