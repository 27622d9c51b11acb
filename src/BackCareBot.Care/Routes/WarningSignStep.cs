using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>
/// The warning-sign check every typed message passes, whatever question is open: a clear sign (or "yes" / "not sure"
/// to its confirming question) interrupts, says how urgent it is, and stops the self-care path (a follow-up question
/// may come next); a partial sign gets one confirming question that names it; "no" goes back to the open question.
/// A message used here is never taken as the answer to another question.
/// </summary>
internal sealed class WarningSignStep(SignCheck signs, CareTexts texts)
{
    /// <returns>True when the message was used by the check and the turn is done.</returns>
    public async Task<bool> TryRaiseAsync(DialogContext<CareTurn> dc, string text, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var decision = signs.Decide(turn.State, text);
        var lead = decision.Unsure ? texts.T(turn, "understanding.unsure") + "\n\n" : "";
        switch (decision.Outcome)
        {
            case SignOutcome.Route when dc.State.Answers.GetValueOrDefault("consent") != "yes":
                // Urgent advice needs no consent, and nothing is kept from a conversation that has not agreed to it.
                turn.Forget();
                dc.CancelAll();
                turn.Say($"{lead}{texts.T(turn, "redflag.interrupt")}\n\n{texts.LevelMessage(turn, decision.Flag!.Level)}\n\n{texts.HelpNow(turn)}");
                return true;
            case SignOutcome.Route:
                var flag = decision.Flag!;
                turn.State.Raise(flag);
                turn.Say($"{lead}{texts.T(turn, "redflag.interrupt")}\n\n{texts.LevelMessage(turn, flag.Level)}");
                // The self-care path stops here: nothing queued (sleep questions, exercise cards) is sent.
                dc.CancelAll();
                if (!TriageLevels.IsEmergency(turn.State.Level) && flag.FollowUp is { } followUp)
                {
                    await dc.BeginDialogAsync(followUp, cancellationToken).ConfigureAwait(false);
                }

                return true;
            case SignOutcome.Ask:
                turn.Replies.Add(new ButtonsReply(
                    texts.T(turn, "understanding.confirm", "question", texts.T(turn, decision.Flag!.Question)),
                    [texts.T(turn, "button.yes"), texts.T(turn, "button.no"), texts.T(turn, "button.unsure")]));
                return true;
            case SignOutcome.Resume:
                turn.Say(texts.T(turn, "understanding.confirm_no"));
                if (dc.ActiveFrame is null)
                {
                    await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                }

                return true;
            default:
                return false;
        }
    }
}
