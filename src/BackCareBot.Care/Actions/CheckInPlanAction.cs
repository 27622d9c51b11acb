using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>
/// "checkin_plan": after a check-in, today's answers go into the diary (pain, stiffness, sleeping position, exercises,
/// and "compared with yesterday" from the pain scores), a worse day steps the dose back, the programme's review
/// (escalation, the plan's step, the weekly summary) speaks, and today's cards follow.
/// </summary>
internal sealed class CheckInPlanAction(CareTexts texts, ExercisePlanCards plan, CheckInProgramme programme, ProgrammeReview review) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var answers = dc.State.Answers;
        var how = CheckInComparison.Of(answers);
        if (how == "worse")
        {
            turn.State.DoseStepBack++;
        }

        if (answers.TryGetValue("checkin_pain", out var pain))
        {
            if (int.TryParse(pain, System.Globalization.CultureInfo.InvariantCulture, out var score))
            {
                programme.Record(turn, score, how, answers.GetValueOrDefault("checkin_stiffness"), answers.GetValueOrDefault("checkin_slept"), answers.GetValueOrDefault("checkin_exercised"));
            }

            answers["pain_now"] = pain;
        }

        turn.Say(texts.T(turn, $"checkin.{how}"));
        review.AfterCheckIn(dc, how);
        plan.Send(dc);
        return Task.FromResult(true);
    }
}
