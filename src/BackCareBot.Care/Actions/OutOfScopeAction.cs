using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"out_of_scope": this is not a lower-back problem the bot can help with; the flow stops.</summary>
internal sealed class OutOfScopeAction(CareTexts texts) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        dc.Turn.Say(texts.Fill(dc.Turn, texts.T(dc.Turn, "scope.out")));
        return Task.FromResult(false);
    }
}
