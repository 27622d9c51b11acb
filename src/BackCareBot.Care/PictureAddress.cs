namespace BackCareBot.Care;

/// <summary>
/// The address card pictures are linked to: <c>Care:PublicUrl</c> when set, else the address the server bound,
/// known once it has started (until then, and without a server, <see cref="LocalUrl"/>).
/// </summary>
public sealed class PictureAddress(CareOptions options)
{
    public const string LocalUrl = "http://localhost:3978";

    private volatile string? _bound;

    public string BaseUrl => options.PublicUrl is { Length: > 0 } url ? url : _bound ?? LocalUrl;

    /// <summary>Whether <see cref="BaseUrl"/> is final: configured, or the server has started.</summary>
    public bool IsKnown => options.PublicUrl is { Length: > 0 } || _bound is not null;

    /// <summary>Called once the server listens, with the addresses it bound.</summary>
    public void ServerStarted(IReadOnlyCollection<string> boundUrls) => _bound = CareOptions.LocalAddress(boundUrls);
}
