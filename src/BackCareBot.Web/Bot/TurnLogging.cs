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

        // Nothing is measured or formatted for a line that is filtered out.
        if (logger.IsEnabled(LogLevel.Information))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var outcome = Outcome(turn);
            LogTurn(logger, turn.Activity.Type, turn.Activity.ChannelId, elapsedMs, outcome);
        }
    }

    /// <summary>The outcome in words; the usual ones are constants, so a turn's line formats no extra string.</summary>
    private static string Outcome(TurnContext turn) => turn.InvokeResponse switch
    {
        null => turn.Responded ? "replied" : "silent",
        { Status: 200 } => turn.Responded ? "invoke 200, replies follow" : "invoke 200",
        { } invoke => $"invoke {invoke.Status}{(turn.Responded ? ", replies follow" : "")}",
    };

    private bool LogFailed(TurnContext turn, long started, Exception ex)
    {
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogTurnFailed(logger, turn.Activity.Type, turn.Activity.ChannelId, elapsedMs, ex.GetType().Name);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {ActivityType} on {ChannelId} took {ElapsedMs:F1} ms: {Outcome}", SkipEnabledCheck = true)]
    private static partial void LogTurn(ILogger logger, string? activityType, string? channelId, double elapsedMs, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {ActivityType} on {ChannelId} failed after {ElapsedMs:F1} ms with {ErrorType}")]
    private static partial void LogTurnFailed(ILogger logger, string? activityType, string? channelId, double elapsedMs, string errorType);
}
