using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BackCareBot.Protocol.Auth;

/// <summary>
/// Service URLs the Connector client may send to (and attach the bot's token for): those that arrived on
/// authenticated activities. In anonymous mode nothing is authenticated, so only loopback hosts (127.0.0.0/8, ::1,
/// localhost) are allowed, and nothing else can be trusted: an unauthenticated request cannot make the bot call
/// another host (a cloud metadata address, a private network).
/// </summary>
public sealed class TrustedServiceUrls(IOptions<BotAuthenticationOptions> options)
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _anonymous = options.Value.IsAnonymous;

    public bool IsAnonymous => _anonymous;

    /// <summary>Trusts a service URL (from an authenticated activity, or a conversation reference stored from one); ignored in anonymous mode.</summary>
    public void Trust(string? serviceUrl)
    {
        if (!_anonymous && !string.IsNullOrWhiteSpace(serviceUrl))
        {
            _urls.TryAdd(Normalize(serviceUrl), 0);
        }
    }

    public bool IsTrusted(Uri serviceUrl) =>
        _anonymous ? serviceUrl.IsLoopback : _urls.ContainsKey(Normalize(serviceUrl.GetLeftPart(UriPartial.Path)));

    private static string Normalize(string url) => url.TrimEnd('/');
}
