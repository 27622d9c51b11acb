using BackCareBot.Care;
using Microsoft.Extensions.FileProviders;

namespace BackCareBot.Web.DirectLine;

/// <summary>Serves the local Web Chat page and its bundle from the output folder's wwwroot, under a strict CSP.</summary>
public static class WebChatPage
{
    /// <summary>Where the channel posts activities (<see cref="Bot.BotEndpoints"/>).</summary>
    private static readonly PathString BotApiPath = new("/api/messages");

    public static WebApplication MapWebChat(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var address = app.Services.GetRequiredService<PictureAddress>();
        string? pictures = null;
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // The channel's POSTs to the bot get JSON or nothing back: a page policy there is ~350 bytes per turn for no reader.
            if (http.Request.Path.StartsWithSegments(BotApiPath, StringComparison.OrdinalIgnoreCase))
            {
                return next(http);
            }

            var host = http.Request.Host.ToUriComponent();
            // The cards' pictures come from the bot's public address, which may name this host differently (localhost,
            // 127.0.0.1); it is known once the server has started, before the first request.
            var origin = pictures ?? new Uri(address.BaseUrl).GetLeftPart(UriPartial.Authority);
            if (address.IsKnown)
            {
                pictures = origin;
            }

            // Web Chat injects its styles at run time, so only style-src allows inline; scripts come from files only.
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' {origin} data: blob:; " +
                $"font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; media-src 'self' blob:; " +
                "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
        if (Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapDirectLine();
        return app;
    }
}
