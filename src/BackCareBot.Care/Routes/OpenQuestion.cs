using BackCareBot.Care.Conversation;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>
/// Hands the user's answer to the open question, or starts the check when nothing is open; a first message that
/// describes the problem is acknowledged, and the answers it gives are confirmed later instead of asked again.
/// </summary>
internal sealed class OpenQuestion(CareTexts texts, TypedAnswers typed, StepCatalog steps)
{
    public async Task<DialogTurnResult> AnswerAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveFrame is null)
        {
            Acknowledge(dc.Turn);
            return await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
        }

        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Stale)
        {
            // An answer from a card of another question or an earlier run: say so, and ask the open question again.
            dc.Turn.Say(texts.T(dc.Turn, "prompt.stale"));
            await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private void Acknowledge(CareTurn turn)
    {
        if (turn.Input.IsCardAnswer || turn.Input.Text is not { } text || typed.Heard(text) is not { Count: > 0 } heard)
        {
            return;
        }

        turn.State.Heard = heard;
        var understood = string.Join("; ", heard.Select(h => steps.Find(h.Key) is { } step ? texts.AnswerLabel(turn, step, h.Value) : h.Value));
        turn.Say(texts.T(turn, "answer.heard", "answers", understood));
    }
}
