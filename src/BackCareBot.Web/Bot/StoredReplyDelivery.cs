using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Bot;

/// <summary>
/// Delivers replies that were stored with their turn and never delivered: the process died between the write and
/// the send, or every send failed and the channel gave up retrying. At start-up and every
/// <see cref="DeliveryOptions.SweepInterval"/> it reads the store's index of such conversations (its cost is what is
/// pending, not what is stored) and delivers each under the conversation's turn lock; a conversation whose replies
/// another live instance holds is left to it. A retry or next activity that races the sweep finds the replies held or
/// gone (every hold and clean-up is a conditional write), so nothing is sent twice. Replies the Connector refuses for
/// good (<see cref="ConnectorException.IsPermanent"/>) are dropped, not tried at every sweep.
/// </summary>
public sealed partial class StoredReplyDelivery(
    IBot bot, TurnPipeline pipeline, ProactiveChannel channel, IOptions<DeliveryOptions> options, ILogger<StoredReplyDelivery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bot is not IStoredReplies stored)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await SweepAsync(stored, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task SweepAsync(IStoredReplies stored, CancellationToken cancellationToken)
    {
        await foreach (var conversation in stored.PendingAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await pipeline.DeliverStoredAsync(stored, conversation, channel, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException e) when (e.IsPermanent)
            {
                // The Connector refuses them for good (the bot was removed, the conversation is gone): they were dropped.
                LogDropped(logger, e.StatusCode);
            }
            catch (Exception e) when (e is ConnectorException or HttpRequestException or TimeoutException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Kept stored and released: the next sweep, the channel's retry or the next activity tries again.
                LogDeliveryFailed(logger, e is ConnectorException c ? c.StatusCode : 0, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of undelivered replies failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored replies were refused by the Connector for good (status {Status}) and dropped")]
    private static partial void LogDropped(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored replies could not be delivered (status {Status}, {Error}); tried again later")]
    private static partial void LogDeliveryFailed(ILogger logger, int status, string error);
}
