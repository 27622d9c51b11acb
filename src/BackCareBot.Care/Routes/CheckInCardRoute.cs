using System.Globalization;
using BackCareBot.Care.Actions;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Routes;

/// <summary>
/// The buttons of the check-in cards that are not answers: the time card's times (<c>checkin.at</c>: a quick time
/// or the picked one, with the zone when it was asked) and the check-in card's footer (<c>checkin.snooze</c>,
/// <c>checkin.pause</c> with the days picked, <c>checkin.time</c>, <c>checkin.stop</c>). They do what the typed
/// commands do; a press after "stop check-ins" (no plan) changes nothing.
/// </summary>
internal sealed class CheckInCardRoute(CareServices services, CheckInCommandStep commands) : ICareRoute
{
    private static readonly HashSet<string> Verbs = new(["checkin.at", "checkin.snooze", "checkin.pause", "checkin.time", "checkin.stop"], StringComparer.Ordinal);

    public static bool Handles(string? verb) => verb is not null && Verbs.Contains(verb);

    public async Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var texts = services.Texts;
        if (turn.State.CheckIn is not { } plan)
        {
            turn.Say(texts.T(turn, "programme.none"));
            return CardOutcome.Stale;
        }

        var data = turn.Input.Data;
        string? Read(string name) => data is { } d ? UserInput.ReadString(d, name) : null;
        CheckInCommand command;
        switch (turn.Input.CardVerb)
        {
            case "checkin.at":
                var zoneText = Read("zoneText");
                var zone = string.IsNullOrWhiteSpace(zoneText) ? (CheckInSchedule.IsKnownZone(Read("zone")) ? Read("zone") : null) : CheckInZones.Resolve(zoneText);
                var minutes = Minutes(Read("value") ?? Read("time"));
                if ((!string.IsNullOrWhiteSpace(zoneText) && zone is null) || (minutes is null && zone is null))
                {
                    // Nothing usable: say what was missing; the card stays open for another try.
                    turn.Say(texts.T(turn, zone is null && !string.IsNullOrWhiteSpace(zoneText) ? "programme.zone_unknown" : "programme.time_missing"));
                    return CardOutcome.Received;
                }

                if (zone is not null)
                {
                    plan.TimeZone = zone;
                    plan.ZoneGuessed = false;
                }

                turn.Say(services.Programme.Plan(turn, minutes));
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                var set = texts.T(turn, "card.checkin_set_summary", "time", CheckInCards.Clock(plan.Minutes)).Replace("{zone}", plan.TimeZone, StringComparison.Ordinal);
                return new CardReplaced(new CardReply(services.Cards.Summary(texts.T(turn, "card.checkin_time_title"), set)));
            case "checkin.time":
                await commands.RunAsync(dc, new CheckInCommand(CheckInCommandKind.Change), cancellationToken).ConfigureAwait(false);
                return CardOutcome.Received;
            case "checkin.snooze":
                command = new CheckInCommand(CheckInCommandKind.Snooze);
                break;
            case "checkin.pause":
                command = new CheckInCommand(CheckInCommandKind.Pause, Days: int.TryParse(Read("days"), CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 60 ? days : CheckInCommand.DefaultPauseDays);
                break;
            default:
                command = new CheckInCommand(CheckInCommandKind.Stop);
                break;
        }

        var ended = await commands.RunAsync(dc, command, cancellationToken).ConfigureAwait(false);
        // The pressed check-in card closes when today's check-in ended with it; otherwise its questions stay open.
        return ended ? new CardReplaced(new CardReply(services.Cards.Summary(texts.T(turn, "card.checkin_title"), texts.T(turn, "card.checkin_closed")))) : CardOutcome.Received;
    }

    /// <summary>"07:30" (Input.Time and the quick buttons) as minutes after midnight.</summary>
    private static int? Minutes(string? value) =>
        TimeOnly.TryParseExact(value, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? (time.Hour * 60) + time.Minute : null;
}
