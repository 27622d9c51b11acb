using System.Diagnostics;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Web.Telemetry;

/// <summary>
/// A span per turn ("turn", with the activity type, channel, route, outcome and triage level reached; the store
/// and Connector spans of the turn are its children) and the turn metrics. The bot names the route and the level on
/// the current span (CareBot), so when no exporter listens the turn still gets an unexported span to carry them.
/// </summary>
public sealed class TurnTelemetry : ITurnMiddleware
{
    public async Task OnTurnAsync(TurnContext turn, Func<Task> next, CancellationToken cancellationToken)
    {
        var type = BotTelemetry.ActivityType(turn.Activity.Type);
        var channel = BotTelemetry.Channel(turn.Activity.ChannelId);
        var checkIn = turn.Activity.IsType(ActivityTypes.Event) && turn.Activity.Name == "checkin";
        using var span = BotTelemetry.Source.StartActivity("turn", ActivityKind.Internal) ?? new System.Diagnostics.Activity("turn").Start();
        span.SetTag("bot.activity.type", type);
        span.SetTag("bot.channel", channel);
        var started = Stopwatch.GetTimestamp();
        string outcome;
        try
        {
            await next();
            outcome = turn.InvokeResponse is not null ? "invoke" : turn.Responded ? "replied" : "silent";
            if (turn.InvokeResponse is { } invoke)
            {
                span.SetTag("bot.invoke.status", invoke.Status);
            }
        }
        catch (Exception e)
        {
            outcome = "failed";
            span.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            span.SetTag("error.type", e.GetType().Name);
            Record(type, channel, outcome, started, span, checkIn);
            throw;
        }

        Record(type, channel, outcome, started, span, checkIn);
    }

    private static void Record(string type, string channel, string outcome, long started, System.Diagnostics.Activity span, bool checkIn)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        span.SetTag("bot.outcome", outcome);
        span.SetTag("bot.turn.duration_ms", Math.Round(elapsed, 3));
        // A turn no route ran (a retry answered from the store, a duplicate): a fixed word that no answer can be.
        var route = span.GetTagItem("bot.route") as string ?? "unrouted";
        var tags = new TagList { { "bot.activity.type", type }, { "bot.channel", channel }, { "bot.route", route }, { "bot.outcome", outcome } };
        BotTelemetry.Turns.Add(1, tags);
        BotTelemetry.TurnDuration.Record(elapsed, tags);
        if (span.GetTagItem("bot.warning_sign.level") is int level)
        {
            BotTelemetry.WarningSignRoutings.Add(1, new KeyValuePair<string, object?>("bot.triage.level", level));
        }

        if (checkIn)
        {
            BotTelemetry.CheckIns.Add(1, new KeyValuePair<string, object?>("bot.outcome", outcome == "failed" ? "failed" : "sent"));
        }
    }
}
