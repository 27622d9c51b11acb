using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Care.Actions;

/// <summary>"forget": deletes the planned check-in and the private links now, the conversation's state when the turn is saved; the flow stops.</summary>
internal sealed class ForgetAction(CareTexts texts, IStateStore store, Privacy.PrivateLinks links) : IFlowAction
{
    public async Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        await store.DeleteAsync(CareBot.CheckInKey(CareBot.StateKey(turn.Activity)), cancellationToken).ConfigureAwait(false);
        await links.DeleteAllAsync(turn.State, cancellationToken).ConfigureAwait(false);
        turn.Forget();
        dc.CancelAll();
        turn.Say(texts.T(turn, "privacy.deleted"));
        return false;
    }
}
