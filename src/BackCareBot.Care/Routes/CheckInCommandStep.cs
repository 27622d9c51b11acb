using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>The typed check-in commands ("check-in at 7", "stop check-ins", "my progress", ...): they work at any question.</summary>
internal sealed class CheckInCommandStep(CheckInProgramme programme, Charts.ProgressCard progress)
{
    /// <returns>True when the text was a check-in command and the turn is done.</returns>
    public async Task<bool> TryRunAsync(DialogContext<CareTurn> dc, string? text, CancellationToken cancellationToken)
    {
        if (programme.Command(dc.Turn, text) is not { } reply)
        {
            return false;
        }

        if (CheckInCommand.Parse(text).Kind == CheckInCommandKind.Progress)
        {
            // "my progress": the diary as text, then the chart's card.
            await progress.SayAsync(dc.Turn, reply, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            dc.Turn.Say(reply);
        }

        await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
