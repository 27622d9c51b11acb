using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>
/// The check-in commands ("check-in at 7", "change check-in time", "time zone London", "not today", "pause
/// check-ins", "stop check-ins", "my progress"): typed at any question, or pressed on a check-in card. "Change
/// check-in time" (and a time set while the zone is a guess) shows the time card; "not today", a pause or a stop
/// during today's check-in ends it; otherwise the open question is asked again.
/// </summary>
internal sealed class CheckInCommandStep(CheckInProgramme programme, CheckInTimeOffer offer, Charts.ProgressCard progress)
{
    /// <returns>True when the text was a check-in command and the turn is done.</returns>
    public async Task<bool> TryRunAsync(DialogContext<CareTurn> dc, string? text, CancellationToken cancellationToken)
    {
        var command = CheckInCommand.Parse(text);
        if (command.Kind == CheckInCommandKind.None)
        {
            return false;
        }

        await RunAsync(dc, command, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <returns>True when today's check-in was ended by the command.</returns>
    public async Task<bool> RunAsync(DialogContext<CareTurn> dc, CheckInCommand command, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var reply = programme.Run(turn, command);
        if (command.Kind == CheckInCommandKind.Progress)
        {
            // "my progress": the diary as text, then the chart's card.
            await progress.SayAsync(turn, reply, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            turn.Say(reply);
        }

        if (turn.State.CheckIn is { } plan && (command.Kind == CheckInCommandKind.Change || (command.Kind == CheckInCommandKind.At && plan.ZoneGuessed)) && offer.Card(dc) is { } card)
        {
            turn.Replies.Add(card);
        }

        // Today's check-in gives way to "not today", a pause or a stop; a warning-sign question under it never does.
        if (command.Kind is CheckInCommandKind.Snooze or CheckInCommandKind.Pause or CheckInCommandKind.Stop && dc.ActiveFrame?.DialogId == CheckInProgramme.Flow)
        {
            dc.CancelAll();
            return true;
        }

        await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }
}
