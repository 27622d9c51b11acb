using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>The morning check-in the scheduler starts: the plan is used up, and the check-in flow begins afresh.</summary>
internal sealed class CheckInRoute(CareTexts texts) : ICareRoute
{
    public const string Flow = "checkin";

    public async Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        turn.State.CheckInDue = null;
        turn.State.CheckInReference = null;
        dc.CancelAll();
        turn.Say(texts.T(turn, "checkin.greeting"));
        await dc.BeginDialogAsync(Flow, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
