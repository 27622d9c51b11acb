using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"exercises": the exercise cards for today's pain and level.</summary>
internal sealed class ExercisesAction(ExercisePlanCards plan) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        plan.Send(dc);
        return Task.FromResult(true);
    }
}
