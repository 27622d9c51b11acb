namespace BackCareBot.Care;

/// <summary>The "Care" settings, read once at start-up and never changed afterwards (see <see cref="PictureAddress"/>).</summary>
public sealed class CareOptions
{
    /// <summary>The folder holding dialogs/ content; defaults to the copy next to the app.</summary>
    public string? ContentFolder { get; set; }

    /// <summary>
    /// Where users' clients fetch the bot's images from (HTTPS in production). Unset, it is the first address the
    /// bot listens on, known once the server has started.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a private link ("export my data", the progress chart) works after it is made.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public static bool IsHttpAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// The address to link pictures to when none is configured: the server's https address if it has one, else its
    /// first, with a wildcard host ("+", "*", 0.0.0.0, [::]) named as localhost, which a browser can reach.
    /// </summary>
    public static string? LocalAddress(IReadOnlyCollection<string> boundUrls)
    {
        var url = boundUrls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? boundUrls.FirstOrDefault();
        if (url is null || !Uri.TryCreate(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
