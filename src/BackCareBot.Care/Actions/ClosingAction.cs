using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"closing": when to get help, the emergency numbers, and goodbye.</summary>
internal sealed class ClosingAction(CareTexts texts) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        turn.Say($"{texts.T(turn, "closing.safety_net")}\n\n{texts.HelpNow(turn)}\n\n{texts.T(turn, "closing.bye")}");
        return Task.FromResult(true);
    }
}
