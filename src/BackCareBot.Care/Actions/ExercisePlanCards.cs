using System.Text;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>
/// A new exercise plan: the intro (how hard, when to stop) and one card per exercise, numbered so feedback on an
/// older plan's cards is refused; the plan keeps what its doses were made from. Used by "exercises" and "checkin_plan".
/// </summary>
internal sealed class ExercisePlanCards(CareServices services)
{
    public void Send(DialogContext<CareTurn> dc)
    {
        var turn = dc.Turn;
        var texts = services.Texts;
        var state = turn.State;
        var plan = services.Exercises.Plan(dc.State.Answers, state.Level, state.DoseStepBack, state.Progress);
        if (plan.Count == 0)
        {
            turn.Say(texts.T(turn, "exercises.none"));
            return;
        }

        var pain = ExercisePlanner.Pain(dc.State.Answers) + (state.DoseStepBack * 3);
        var intro = new StringBuilder(texts.T(turn, "exercises.intro"));
        if (pain >= ExercisePlanner.SeverePain)
        {
            intro.Append("\n\n").Append(texts.T(turn, "exercises.high_pain"));
        }
        else if (plan.Any(p => p.Gentle))
        {
            intro.Append("\n\n").Append(texts.T(turn, "exercises.gentle"));
        }

        intro.Append("\n\n").Append(texts.T(turn, "exercises.stop_rule"));
        turn.Say(intro.ToString());
        state.Plan = new ExercisePlanState
        {
            Number = (state.Plan?.Number ?? 0) + 1,
            DoseStepBack = state.DoseStepBack,
            Level = state.Level,
            Answers = services.Exercises.Basis(dc.State.Answers),
            Progress = state.Progress.Copy(),
        };
        foreach (var planned in plan)
        {
            turn.Replies.Add(new CardReply(services.Cards.Exercise(turn.Locale, planned, state.Plan.Number)));
        }
    }
}
