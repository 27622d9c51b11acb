using System.Diagnostics;
using System.Diagnostics.Metrics;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Web.Telemetry;

/// <summary>
/// The bot's own traces and metrics (source and meter "BackCareBot"). Attributes and tags name kinds of things
/// (activity type, channel, route, outcome, level, store operation): never ids, text, card values or keys, which can
/// hold health information or point to a person.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "BackCareBot";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("backcarebot.turns", "{turn}", "Turns by activity type and outcome.");
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("backcarebot.turn.duration", "ms", "Turn latency, from the activity's arrival at the pipeline to the bot's last reply.");
    public static readonly Counter<long> ConnectorCalls = Meter.CreateCounter<long>("backcarebot.connector.calls", "{call}", "Connector calls by operation and final status class.");
    public static readonly Counter<long> ConnectorRetries = Meter.CreateCounter<long>("backcarebot.connector.retries", "{attempt}", "Connector attempts after the first one of a call.");
    public static readonly Counter<long> ConnectorThrottled = Meter.CreateCounter<long>("backcarebot.connector.throttled", "{response}", "Connector answers 429 Too Many Requests.");
    public static readonly Histogram<double> ConnectorDuration = Meter.CreateHistogram<double>("backcarebot.connector.duration", "ms", "Connector call latency, retries included.");
    public static readonly Histogram<double> StoreDuration = Meter.CreateHistogram<double>("backcarebot.store.duration", "ms", "State store latency by operation and outcome.");
    public static readonly Counter<long> WarningSignRoutings = Meter.CreateCounter<long>("backcarebot.warning_sign.routings", "{turn}", "Turns routed on a warning sign, by triage level (a number; counts only).");
    public static readonly Counter<long> CheckIns = Meter.CreateCounter<long>("backcarebot.checkins", "{checkin}", "Morning check-ins sent or failed.");

    /// <summary>The activity type if it is one of the protocol's, otherwise "other" (a channel may send anything).</summary>
    public static string ActivityType(string? type) => type switch
    {
        ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.Invoke or ActivityTypes.Event or ActivityTypes.Typing
            or ActivityTypes.MessageReaction or ActivityTypes.MessageUpdate or ActivityTypes.MessageDelete or ActivityTypes.InstallationUpdate
            or ActivityTypes.EndOfConversation => type,
        _ => "other",
    };

    /// <summary>The channel if it is a known one, otherwise "other".</summary>
    public static string Channel(string? channelId) => channelId switch
    {
        "msteams" or "directline" or "webchat" or "emulator" or "test" => channelId,
        _ => "other",
    };
}
