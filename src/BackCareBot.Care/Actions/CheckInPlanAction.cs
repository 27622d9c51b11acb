using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"checkin_plan": after a check-in, a worse day steps the dose back, and today's cards follow.</summary>
internal sealed class CheckInPlanAction(CareTexts texts, ExercisePlanCards plan) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var how = dc.State.Answers.GetValueOrDefault("checkin_how", "same");
        if (how == "worse")
        {
            turn.State.DoseStepBack++;
        }

        if (dc.State.Answers.TryGetValue("checkin_pain", out var pain))
        {
            dc.State.Answers["pain_now"] = pain;
        }

        turn.Say(texts.T(turn, $"checkin.{how}"));
        plan.Send(dc);
        return Task.FromResult(true);
    }
}
