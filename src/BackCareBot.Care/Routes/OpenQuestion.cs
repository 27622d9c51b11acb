using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>Hands the user's answer to the open question, or starts the check when nothing is open.</summary>
internal sealed class OpenQuestion(CareTexts texts)
{
    public async Task<DialogTurnResult> AnswerAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveFrame is null)
        {
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
}
