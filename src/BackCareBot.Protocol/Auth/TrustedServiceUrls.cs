using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BackCareBot.Protocol.Auth;

/// <summary>
/// Service URLs the Connector client may send to (and attach the bot's token for): those that arrived on
/// authenticated activities. In anonymous mode loopback hosts are allowed too.
/// </summary>
public sealed class TrustedServiceUrls(IOptions<BotAuthenticationOptions> options)
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _anonymous = options.Value.IsAnonymous;

    /// <summary>Trusts a service URL (from an authenticated activity, or a conversation reference stored from one).</summary>
    public void Trust(string? serviceUrl)
    {
        if (!string.IsNullOrWhiteSpace(serviceUrl))
        {
            _urls.TryAdd(Normalize(serviceUrl), 0);
        }
    }

    public bool IsTrusted(Uri serviceUrl) =>
        _urls.ContainsKey(Normalize(serviceUrl.GetLeftPart(UriPartial.Path))) || (_anonymous && serviceUrl.IsLoopback);

    private static string Normalize(string url) => url.TrimEnd('/');
}
