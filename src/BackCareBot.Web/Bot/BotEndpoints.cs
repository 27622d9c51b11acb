using System.Buffers;
using System.Text.Json;
using BackCareBot.Care;
using BackCareBot.Protocol.Auth;
using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using BackCareBot.Web.Hosting;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Bot;

public static partial class BotEndpoints
{
    /// <summary>Largest accepted activity body. Teams caps messages near 100 KB; 256 KB leaves room for card submits.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddBot(this WebApplicationBuilder builder)
    {
        // The Azure Bot settings live at the root of the configuration, where App Service and .env files put them.
        builder.Services.AddOptions<BotAuthenticationOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddOptions<ConnectorResilienceOptions>().Bind(builder.Configuration.GetSection("Connector")).ValidatedBy<ConnectorResilienceOptions, ConnectorResilienceOptionsValidator>();
        builder.Services.AddBotConnector();
        builder.Services.AddSingleton<IBot, CareBot>();
        builder.Services.AddSingleton<ITurnMiddleware, TurnLogging>();
        builder.Services.AddSingleton<TurnPipeline>();
        builder.Services.AddHostedService<FollowUpDrain>();
        builder.Services.AddOptions<DeliveryOptions>().Bind(builder.Configuration.GetSection("Delivery"))
            .Validate(DeliveryOptions.IsValid, "Delivery: Lease 1 s to a day, BusyWait up to a minute, SweepInterval 100 ms to a day, InstanceId at most 128 characters.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ProactiveChannel>();
        builder.Services.AddHostedService<StoredReplyDelivery>();
        // Shutdown waits for the follow-ups of answered card actions, each bounded by the pipeline's budget.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TurnPipeline.AfterResponseBudget + TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Checks the Azure Bot settings before serving; a bad one is reported on one line naming it (ValidateOnStart repeats the check).</summary>
    public static bool HasValidBotSettings(this WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<CareOptions>>().Value;
            return true;
        }
        catch (OptionsValidationException invalid)
        {
            LogInvalidSettings(app.Logger, invalid.Message);
            return false;
        }
    }

    public static WebApplication MapBot(this WebApplication app)
    {
        app.MapPost("/api/messages", HandleMessagesAsync);
        app.MapGet("/healthz", () => Results.Text("ok"));
        if (app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.IsAnonymous)
        {
            LogAnonymousMode(app.Logger);
        }

        return app;
    }

    private static async Task<IResult> HandleMessagesAsync(
        HttpContext http, TurnPipeline pipeline, ChannelTokenValidator validator, TrustedServiceUrls trusted, ConnectorClient connector, ILogger<TurnPipeline> logger)
    {
        // Channels post JSON; refusing anything else also stops a form post from another site's page.
        if (!http.Request.HasJsonContentType())
        {
            return ErrorResults.Problem(415, "Send the activity as application/json.");
        }

        var (activity, problem) = await ActivityReader.ReadAsync(http.Request, MaxBodyBytes, http.RequestAborted);
        if (activity is null)
        {
            return problem!;
        }

        var auth = await validator.ValidateAsync(http.Request.Headers.Authorization, activity, http.RequestAborted);
        if (!auth.Succeeded)
        {
            LogRejected(logger, activity.ChannelId, auth.Reason);
            return ErrorResults.Problem(401, auth.Reason!);
        }

        if (ActivityRules.Check(activity) is { } broken)
        {
            return ErrorResults.Problem(400, broken);
        }

        if (trusted.IsAnonymous && !ActivityRules.ServiceUri(activity.ServiceUrl)!.IsLoopback)
        {
            return ErrorResults.Problem(400, "Without MicrosoftAppId the bot answers only loopback service URLs (127.0.0.0/8, ::1, localhost).");
        }

        trusted.Trust(activity.ServiceUrl);

        TurnOutcome outcome;
        try
        {
            outcome = await pipeline.ProcessAsync(activity, connector, http.RequestAborted, followUpWhenStarted: true);
        }
        catch (ConnectorException e)
        {
            // The turn and its replies are stored: the channel's retry of this activity delivers them.
            LogNotDelivered(logger, e.StatusCode, e.Message);
            return ErrorResults.Problem(502, "The replies could not be delivered to the channel; they are kept and sent again when this activity is retried.");
        }

        // The messages that follow a card action go out once its invoke response has been sent.
        http.Response.OnCompleted(() =>
        {
            outcome.StartFollowUp();
            return Task.CompletedTask;
        });
        return outcome.Body is { } body
            ? Results.Json(body, ProtocolJsonContext.Default.JsonElement, statusCode: outcome.StatusCode)
            : Results.StatusCode(outcome.StatusCode);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "BackCareBot cannot start: {Problem}")]
    private static partial void LogInvalidSettings(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MicrosoftAppId configured: running in anonymous local mode. Incoming requests are not authenticated, outgoing calls carry no token, and replies go only to loopback service URLs (127.0.0.0/8, ::1, localhost)")]
    private static partial void LogAnonymousMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 502: the turn's replies could not be delivered (status {Status}, {Error}); kept for the channel's retry")]
    private static partial void LogNotDelivered(ILogger logger, int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an activity on {ChannelId} with 401: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? channelId, string? reason);
}

/// <summary>Reads one activity from a request body, answering malformed input with a 4xx and a short reason.</summary>
public static class ActivityReader
{
    public static async Task<(Activity? Activity, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // A pooled buffer of the announced size (channels send Content-Length), grown only for a body without one.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and var length ? (int)length : 16 * 1024);
        try
        {
            var filled = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                if (filled > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return filled == 0
                ? (null, ErrorResults.Problem(400, "The request body is empty; expected one JSON activity."))
                : Parse(buffer.AsSpan(0, filled));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (Activity? Activity, IResult? Problem) Parse(ReadOnlySpan<byte> json)
    {
        Activity? activity;
        try
        {
            if (ActivityRules.CheckJson(json) is { } broken)
            {
                return (null, ErrorResults.Problem(400, broken));
            }

            activity = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            return (null, ErrorResults.Problem(400, "The request body is not a JSON activity."));
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, ErrorResults.Problem(400, "The activity has no type field."));
        }

        return (activity, null);
    }

    private static IResult TooLarge(int maxBytes) => ErrorResults.Problem(413, $"The activity is larger than {maxBytes / 1024} KB.");
}

/// <summary>At shutdown, lets the messages that follow answered card actions go out before the process ends.</summary>
internal sealed class FollowUpDrain(TurnPipeline pipeline) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout has passed: what is still sending is given up.
        }
    }
}
