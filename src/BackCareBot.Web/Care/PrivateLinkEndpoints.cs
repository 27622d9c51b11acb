using BackCareBot.Care.Privacy;

namespace BackCareBot.Web.Care;

/// <summary>
/// The private links' endpoints: <c>GET /private/export/{token}.json</c> (the data export, as a download) and
/// <c>GET /private/chart/{token}.png</c> (the progress chart). A live token gets 200; an unknown or altered one 404,
/// an expired or withdrawn one ("forget me", a newer link) 410, each with a reason. Nothing is cached anywhere:
/// every response says <c>no-store</c>, and the path's token is never logged (telemetry rewrites it to <c>{id}</c>).
/// </summary>
public static class PrivateLinkEndpoints
{
    public static WebApplicationBuilder AddPrivateLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PrivateLinks>();
        builder.Services.AddSingleton<PrivateDocuments>();
        return builder;
    }

    public static WebApplication MapPrivateLinks(this WebApplication app)
    {
        var documents = app.Services.GetRequiredService<PrivateDocuments>();
        app.MapGet(PrivateLinks.PathOf(LinkKind.Export) + "{token}" + PrivateLinks.ExtensionOf(LinkKind.Export), async (string token, HttpContext http) =>
            Answer(http, await documents.ExportAsync(token, http.RequestAborted).ConfigureAwait(false), "application/json", "attachment; filename=\"backcarebot-my-data.json\""));
        app.MapGet(PrivateLinks.PathOf(LinkKind.Chart) + "{token}" + PrivateLinks.ExtensionOf(LinkKind.Chart), async (string token, HttpContext http) =>
            Answer(http, await documents.ChartAsync(token, http.RequestAborted).ConfigureAwait(false), "image/png", "inline; filename=\"progress.png\""));
        return app;
    }

    private static IResult Answer(HttpContext http, PrivateDocument document, string contentType, string disposition)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store, private";
        headers.Pragma = "no-cache";
        headers.Expires = "0";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        if (document.Status != StatusCodes.Status200OK)
        {
            return Results.Text(document.Reason, "text/plain; charset=utf-8", statusCode: document.Status);
        }

        headers.ContentDisposition = disposition;
        return Results.Bytes(document.Body, contentType);
    }
}
