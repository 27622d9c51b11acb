using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>What an <c>action</c> step of a flow does, by the name the step gives (see <see cref="FlowActions"/>).</summary>
internal interface IFlowAction
{
    /// <returns>False to stop the flow (e.g. out of scope, or the data was deleted).</returns>
    Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken);
}
