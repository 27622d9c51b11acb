using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Care.Privacy;

/// <summary>What a private link opens.</summary>
public enum LinkKind
{
    Export,
    Chart,
}

/// <summary>A private link looked up: found (with the state it belongs to), unknown (404) or expired/withdrawn (410).</summary>
public sealed record LinkLookup(int Status, CareState? State = null, string Locale = "en");

/// <summary>
/// Short-lived links to one user's health data ("export my data", the progress chart). A link's token is 32 random
/// bytes (base64url in the URL) and says nothing about the user: the store keeps, under <c>link/</c> and the first
/// 16 bytes of the token's SHA-256 (so a copy of the store gives no working link), which conversation it belongs
/// to, what it opens, its language and when it expires. The conversation's state lists the links it owns, so a
/// link stops working when it expires (410), when a newer link of its kind replaces it, and after "forget me"
/// (the state is gone; its records are deleted too). Each request reads the data afresh: nothing is cached.
/// </summary>
public sealed class PrivateLinks(IStateStore store, CareOptions options, TimeProvider time, PictureAddress address)
{
    private const string Prefix = "link/";
    private const int TokenBytes = 32;

    public TimeSpan Lifetime => options.LinkLifetime;

    /// <summary>The path under which a kind of link is served, before the token.</summary>
    public static string PathOf(LinkKind kind) => kind == LinkKind.Export ? "/private/export/" : "/private/chart/";

    public static string ExtensionOf(LinkKind kind) => kind == LinkKind.Export ? ".json" : ".png";

    /// <summary>
    /// Makes a link for the conversation whose state this is and records it in the state (saved with the turn);
    /// the conversation's earlier link of the same kind stops working.
    /// </summary>
    public async Task<string> CreateAsync(string stateKey, CareState state, LinkKind kind, string locale, CancellationToken cancellationToken)
    {
        var token = RandomNumberGenerator.GetBytes(TokenBytes);
        var id = Id(token);
        var record = new LinkRecord { Key = stateKey, Kind = kind, Locale = locale, Expires = time.GetUtcNow() + options.LinkLifetime };
        await store.WriteAsync(Prefix + id, JsonSerializer.SerializeToUtf8Bytes(record, LinkJsonContext.Default.LinkRecord), null, cancellationToken).ConfigureAwait(false);

        var tag = Tag(kind);
        var owned = state.Links ??= [];
        foreach (var old in owned.Where(l => l[0] == tag).ToList())
        {
            owned.Remove(old);
            await store.DeleteAsync(Prefix + old[1..], cancellationToken).ConfigureAwait(false);
        }

        owned.Add(tag + id);
        return $"{address.BaseUrl.TrimEnd('/')}{PathOf(kind)}{Base64Url.EncodeToString(token)}{ExtensionOf(kind)}";
    }

    /// <summary>The state a token opens, if it is a live link of this kind; an expired or withdrawn link's record is removed.</summary>
    public async Task<LinkLookup> ResolveAsync(LinkKind kind, string token, CancellationToken cancellationToken)
    {
        if (token.Length != Base64Url.GetEncodedLength(TokenBytes) || !Base64Url.IsValid(token))
        {
            return new LinkLookup(404);
        }

        var id = Id(Base64Url.DecodeFromChars(token));
        if (await store.ReadAsync(Prefix + id, cancellationToken).ConfigureAwait(false) is not { } stored
            || JsonSerializer.Deserialize(stored.Data, LinkJsonContext.Default.LinkRecord) is not { } record
            || record.Kind != kind)
        {
            return new LinkLookup(404);
        }

        var state = record.Expires > time.GetUtcNow() && await store.ReadAsync(record.Key, cancellationToken).ConfigureAwait(false) is { } found
            ? JsonSerializer.Deserialize(found.Data, CareStateJsonContext.Default.CareState)
            : null;
        if (state?.Links?.Contains(Tag(kind) + id) != true)
        {
            await store.DeleteAsync(Prefix + id, cancellationToken).ConfigureAwait(false);
            return new LinkLookup(410);
        }

        return new LinkLookup(200, state, record.Locale);
    }

    /// <summary>"forget me": every link the conversation made stops working.</summary>
    public async Task DeleteAllAsync(CareState state, CancellationToken cancellationToken)
    {
        foreach (var link in state.Links ?? [])
        {
            await store.DeleteAsync(Prefix + link[1..], cancellationToken).ConfigureAwait(false);
        }

        state.Links = null;
    }

    private static char Tag(LinkKind kind) => kind == LinkKind.Export ? 'e' : 'c';

    private static string Id(ReadOnlySpan<byte> token) => Base64Url.EncodeToString(SHA256.HashData(token).AsSpan(0, 16));
}

/// <summary>A link's stored record: the conversation's state key, what it opens, its language and its expiry. No answers.</summary>
public sealed class LinkRecord
{
    public string Key { get; set; } = "";

    public LinkKind Kind { get; set; }

    public string Locale { get; set; } = "en";

    public DateTimeOffset Expires { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(LinkRecord))]
internal sealed partial class LinkJsonContext : JsonSerializerContext;
