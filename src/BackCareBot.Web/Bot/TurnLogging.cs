using System.Diagnostics;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Web.Bot;

/// <summary>
/// Logs each turn's activity type, channel, duration and outcome. Never ids, text, values, attachments or card
/// data: they can hold health information.
/// </summary>
public sealed partial class TurnLogging(ILogger<TurnLogging> logger) : ITurnMiddleware
{
    public async Task OnTurnAsync(TurnContext turn, Func<Task> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next();
        }
        catch (Exception ex) when (LogFailed(turn, started, ex))
        {
            throw;
        }

        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var outcome = turn.InvokeResponse is { } invoke ? $"invoke {invoke.Status}{(turn.Responded ? ", replies follow" : "")}"
            : turn.Responded ? "replied" : "silent";
        LogTurn(logger, turn.Activity.Type, turn.Activity.ChannelId, elapsedMs, outcome);
    }

    private bool LogFailed(TurnContext turn, long started, Exception ex)
    {
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogTurnFailed(logger, turn.Activity.Type, turn.Activity.ChannelId, elapsedMs, ex.GetType().Name);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {ActivityType} on {ChannelId} took {ElapsedMs:F1} ms: {Outcome}")]
    private static partial void LogTurn(ILogger logger, string? activityType, string? channelId, double elapsedMs, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {ActivityType} on {ChannelId} failed after {ElapsedMs:F1} ms with {ErrorType}")]
    private static partial void LogTurnFailed(ILogger logger, string? activityType, string? channelId, double elapsedMs, string errorType);
}
