using System.Net;
using System.Security.Cryptography;
using System.Text;
using BackCareBot.Protocol.DirectLine;

namespace BackCareBot.Web.DirectLine;

/// <summary>What the Direct Line endpoints read from a request: the bearer token, the secret, and whether a local page sent it.</summary>
internal static class DirectLineRequest
{
    internal static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    internal static bool HasSecret(HttpRequest request, DirectLineOptions options) =>
        options.Secret is { Length: > 0 } secret && Bearer(request) is { } presented
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(secret));

    /// <summary>
    /// A request from a loopback address, to a loopback host name, that no other site's page sent (same origin or
    /// no origin at all). The host check stops DNS rebinding: a page on another name that resolves to 127.0.0.1
    /// reaches the bot with its own name in Host and Origin.
    /// </summary>
    internal static bool IsLocalPage(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote) || !IsLoopbackHost(http.Request.Host.Host))
        {
            return false;
        }

        var origin = http.Request.Headers.Origin.ToString();
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        return (origin.Length == 0 || string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}", StringComparison.OrdinalIgnoreCase))
            && (site.Length == 0 || site is "same-origin" or "none");
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    internal static async Task<TokenParameters?> ReadParametersAsync(HttpContext http)
    {
        if (http.Request.ContentLength is null or 0 || http.Request.ContentLength > 4096 || http.Request.HasJsonContentType() is false)
        {
            return null;
        }

        try
        {
            return await System.Text.Json.JsonSerializer.DeserializeAsync(http.Request.Body, DirectLineJsonContext.Default.TokenParameters, http.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
