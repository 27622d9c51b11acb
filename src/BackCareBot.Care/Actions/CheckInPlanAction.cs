using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"checkin_plan": after a check-in, today's answers go into the diary, a worse day steps the dose back, the programme's review (escalation, the plan's step, the weekly summary) speaks, and today's cards follow.</summary>
internal sealed class CheckInPlanAction(CareTexts texts, ExercisePlanCards plan, CheckInProgramme programme, ProgrammeReview review) : IFlowAction
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
            if (int.TryParse(pain, System.Globalization.CultureInfo.InvariantCulture, out var score))
            {
                programme.Record(turn, how, score);
            }
        }

        turn.Say(texts.T(turn, $"checkin.{how}"));
        review.AfterCheckIn(dc, how);
        plan.Send(dc);
        return Task.FromResult(true);
    }
}
