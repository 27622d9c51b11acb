using System.Text.Json;
using BackCareBot.Care;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Auth;
using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Care;

/// <summary>
/// Sends the morning check-ins that users asked for: every minute it looks for due entries and runs a proactive
/// "checkin" turn for each, through the same pipeline (and per-conversation lock) as user messages.
/// </summary>
public sealed partial class CheckInScheduler(
    IStateStore store, TurnPipeline pipeline, ConnectorClient connector, TrustedServiceUrls trusted, IOptions<CareOptions> options, TimeProvider time, ILogger<CheckInScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckInPollSeconds), time);
        do
        {
            try
            {
                await SendDueAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sent = 0;
        await foreach (var key in store.ListKeysAsync("checkin/", cancellationToken).ConfigureAwait(false))
        {
            var stored = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            if (stored is null || JsonSerializer.Deserialize(stored.Data, CareStateJsonContext.Default.CheckInEntry) is not { } entry || entry.Due > now)
            {
                continue;
            }

            // The reference came from an authenticated activity when it was stored; trust survives restarts through it.
            trusted.Trust(entry.Reference.ServiceUrl);
            try
            {
                await pipeline.ContinueConversationAsync(entry.Reference, "checkin", connector, cancellationToken).ConfigureAwait(false);
                sent++;
            }
            catch (ConnectorException e)
            {
                // 403/404: the user removed the bot; the check-in cannot be delivered and is dropped.
                LogDeliveryFailed(logger, e.StatusCode);
                await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in sweep failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in could not be delivered (status {Status}); dropped")]
    private static partial void LogDeliveryFailed(ILogger logger, int status);
}
