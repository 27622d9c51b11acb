using System.Diagnostics;
using OpenTelemetry;

namespace BackCareBot.Web.Telemetry;

/// <summary>
/// Runs before every exporter and rewrites the URL attributes that HTTP instrumentations record (ASP.NET Core's and
/// HttpClient's, which the Azure Monitor distro turns on): Connector and Direct Line paths carry conversation and
/// activity ids, so every path segment that is not one of the protocol's own words becomes {id}, and query strings
/// are dropped.
/// </summary>
public sealed class RedactingProcessor : BaseProcessor<Activity>
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "api", "messages", "v3", "conversations", "activities", "members", "attachments", "directline", "tokens", "generate",
        "refresh", "stream", "images", "webchat", "healthz", "readyz", "index.html", "page.css", "page.js", "webchat.js",
        "bot-avatar.svg", "hostconfig-microsoft-teams-light.json", "botframework.com", "oauth2", "v2.0", "token",
        "common", "discovery", "keys", ".well-known", "openidconfiguration", "openid-configuration",
    };

    private static readonly string[] PathAttributes = ["url.path", "http.target"];
    private static readonly string[] UrlAttributes = ["url.full", "http.url"];
    private static readonly string[] DroppedAttributes = ["url.query", "http.request.header.authorization", "user_agent.original"];

    public override void OnEnd(Activity data)
    {
        foreach (var name in UrlAttributes)
        {
            if (data.GetTagItem(name) is string url)
            {
                data.SetTag(name, RedactUrl(url));
            }
        }

        foreach (var name in PathAttributes)
        {
            if (data.GetTagItem(name) is string path)
            {
                data.SetTag(name, RedactPath(path));
            }
        }

        foreach (var name in DroppedAttributes)
        {
            if (data.GetTagItem(name) is not null)
            {
                data.SetTag(name, null);
            }
        }

        if (data.DisplayName.Contains('/', StringComparison.Ordinal))
        {
            var space = data.DisplayName.IndexOf(' ', StringComparison.Ordinal);
            data.DisplayName = space < 0 ? RedactPath(data.DisplayName) : string.Concat(data.DisplayName.AsSpan(0, space + 1), RedactPath(data.DisplayName[(space + 1)..]));
        }
    }

    public static string RedactUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{RedactPath(uri.AbsolutePath)}" : "{url}";

    public static string RedactPath(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && !Words.Contains(segments[i]) && !IsRouteParameter(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return string.Join('/', segments);
    }

    private static bool IsRouteParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}') && !segment.Contains('%', StringComparison.Ordinal);
}
