using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>
/// The warning-sign check every typed message passes, whatever question is open: a new warning sign interrupts,
/// says how urgent it is, and stops the self-care path (a follow-up question may come next), so it is never taken
/// as the answer to another question.
/// </summary>
internal sealed class WarningSignStep(IWarningSignCheck warningSigns, CareTexts texts)
{
    /// <returns>True when the message raised a warning sign and the turn is done.</returns>
    public async Task<bool> TryRaiseAsync(DialogContext<CareTurn> dc, string text, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (warningSigns.Match(text) is not { } flag || turn.State.Flags.Contains(flag.Id))
        {
            return false;
        }

        turn.State.Raise(flag);
        turn.Say($"{texts.T(turn, "redflag.interrupt")}\n\n{texts.LevelMessage(turn, flag.Level)}");
        // The self-care path stops here: nothing queued (sleep questions, exercise cards) is sent.
        dc.CancelAll();
        if (!TriageLevels.IsEmergency(turn.State.Level) && flag.FollowUp is { } followUp)
        {
            await dc.BeginDialogAsync(followUp, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
