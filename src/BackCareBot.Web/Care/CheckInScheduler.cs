using BackCareBot.Care.Programme;
using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Turns;
using BackCareBot.Web.Bot;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Care;

/// <summary>
/// Sends the check-ins users asked for. Each sweep claims what is due from the <see cref="ICheckInIndex"/> (never a
/// scan of every plan), and runs a proactive "checkin" turn for each through the same pipeline entry and
/// per-conversation lock as user messages. A sent check-in completes its claim; a failed send is tried again after
/// <see cref="CheckInOptions.RetryDelay"/>; a 403/404 (the bot was removed) drops the plan.
/// </summary>
public sealed partial class CheckInScheduler(
    ICheckInIndex index, TurnPipeline pipeline, ProactiveChannel channel, IOptions<CheckInOptions> options,
    TimeProvider time, ILogger<CheckInScheduler> logger)
    : BackgroundService
{
    private readonly CheckInOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Sends every check-in due now that no other instance holds; returns how many were sent.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var claims = await index.ClaimDueAsync(time.GetUtcNow(), _options.BatchSize, _options.Lease, cancellationToken).ConfigureAwait(false);
            if (claims.Count == 0)
            {
                return sent;
            }

            await Parallel.ForEachAsync(
                claims,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
                async (claim, token) =>
                {
                    if (await DeliverAsync(claim, token).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref sent);
                    }
                }).ConfigureAwait(false);
        }
    }

    private async Task<bool> DeliverAsync(CheckInClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.ContinueConversationAsync(claim.Entry.Reference, "checkin", channel, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.IsConversationGone)
        {
            LogDropped(logger, e.StatusCode);
            await index.CancelAsync(claim.Entry.StateKey, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is ConnectorException or HttpRequestException or TimeoutException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogRetry(logger, e is ConnectorException c ? c.StatusCode : 0, e.GetType().Name);
            await index.RetryAsync(claim, time.GetUtcNow() + _options.RetryDelay, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await index.CompleteAsync(claim, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in sweep failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in could not be delivered (status {Status}): the bot was removed; plan dropped")]
    private static partial void LogDropped(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in send failed (status {Status}, {Error}); tried again later")]
    private static partial void LogRetry(ILogger logger, int status, string error);
}
