using System.Text.Json.Serialization;
using BackCareBot.Care.Content;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Auth;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Telemetry;

/// <summary>
/// /readyz: 200 when the instance can take turns (the content is loaded and valid, the state store answers, and
/// with an app id the Connector token can be obtained), otherwise 503 naming the check that failed and the error's
/// type. /healthz only says the process is alive. App Service's health check uses /readyz.
/// </summary>
public static class Readiness
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static WebApplication MapReadiness(this WebApplication app)
    {
        app.MapGet("/readyz", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(HttpContext http, IServiceProvider services, IOptions<BotAuthenticationOptions> auth)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(CheckTimeout);
        var report = new ReadinessReport
        {
            Content = await RunAsync(() =>
            {
                _ = services.GetRequiredService<CareContent>();
                return Task.CompletedTask;
            }).ConfigureAwait(false),
            Store = await RunAsync(() => services.GetRequiredService<IStateStore>().ReadAsync("health/readyz", timeout.Token)).ConfigureAwait(false),
            ConnectorToken = auth.Value.IsAnonymous
                ? "not configured"
                : await RunAsync(() => services.GetRequiredService<ConnectorTokenProvider>().GetTokenAsync(timeout.Token)).ConfigureAwait(false),
        };
        report.Status = report.Ready ? "ready" : "not ready";
        return Results.Json(report, ReadinessJsonContext.Default.ReadinessReport, statusCode: report.Ready ? 200 : 503);
    }

    private static async Task<string> RunAsync(Func<Task> check)
    {
        try
        {
            await check().ConfigureAwait(false);
            return "ok";
        }
        catch (Exception e)
        {
            // The type only: messages can carry settings or addresses.
            return "failed: " + e.GetType().Name;
        }
    }
}

public sealed class ReadinessReport
{
    public string Status { get; set; } = "";

    public string Content { get; set; } = "";

    public string Store { get; set; } = "";

    public string ConnectorToken { get; set; } = "";

    [JsonIgnore]
    public bool Ready => Content == "ok" && Store == "ok" && ConnectorToken is "ok" or "not configured";
}

[JsonSerializable(typeof(ReadinessReport))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ReadinessJsonContext : JsonSerializerContext;
