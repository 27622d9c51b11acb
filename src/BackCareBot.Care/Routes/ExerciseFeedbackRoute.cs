using System.Globalization;
using BackCareBot.Care.Actions;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Routes;

/// <summary>
/// The feedback buttons of an exercise card (done / too hard / it hurts). One answer per card: feedback counts only
/// for a card of the plan last sent, once per card; "it hurts" makes the next plan gentler and replaces that
/// exercise by its regression, "too hard" steps it down to the gentle dose, every third "done" steps it up; the
/// card's buttons give way to the answer. After a warning sign that stops exercises, no card gets an encouraging reply: the user
/// is told again to see a doctor first.
/// </summary>
internal sealed class ExerciseFeedbackRoute(CareServices services) : ICareRoute
{
    /// <summary>Feedback buttons on exercise cards: the verb, the reply it gets, and the button's label.</summary>
    private static readonly Dictionary<string, (string Reply, string Label)> Verbs = new(StringComparer.Ordinal)
    {
        ["exercise.done"] = ("exercise.done_reply", "card.done"),
        ["exercise.tooHard"] = ("exercise.too_hard_reply", "card.too_hard"),
        ["exercise.hurts"] = ("exercise.hurts_reply", "card.hurts"),
    };

    public static bool Handles(string? verb) => verb is not null && Verbs.ContainsKey(verb);

    public Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var texts = services.Texts;
        var data = turn.Input.Data;
        var exerciseId = data is { } d ? UserInput.ReadString(d, "exercise") : null;
        var planNumber = data is { } p ? UserInput.ReadString(p, "plan") : null;
        if (TriageLevels.BlocksExercises(turn.State.Level))
        {
            var title = services.Content.Exercises.Exercises.Find(e => e.Id == exerciseId) is { } known ? texts.T(turn, known.Title) : null;
            turn.Say($"{texts.T(turn, "exercises.none")}\n\n{texts.HelpNow(turn)}");
            return Outcome(new CardReplaced(new CardReply(services.Cards.Summary(title, texts.T(turn, "exercises.none")))));
        }

        // The card is shown again exactly as it was sent: planned from the plan's own dose step, level and answers.
        var plan = turn.State.Plan;
        var planned = plan is not null && planNumber == plan.Number.ToString(CultureInfo.InvariantCulture) && plan.Answers == services.Exercises.Basis(dc.State.Answers)
            ? services.Exercises.Plan(dc.State.Answers, plan.Level, plan.DoseStepBack, plan.Progress).FirstOrDefault(e => e.Exercise.Id == exerciseId)
            : null;
        if (planned is null || plan!.Feedback.Contains(planned.Exercise.Id))
        {
            turn.Say(texts.T(turn, "exercise.already_noted"));
            return Outcome(CardOutcome.Stale);
        }

        plan.Feedback.Add(planned.Exercise.Id);
        var verb = turn.Input.CardVerb!;
        Programme.Progression.Noted(turn.State, services.Time.GetUtcNow(), verb);
        var (reply, label) = Verbs[verb];
        var progress = turn.State.Progress;
        var id = planned.Exercise.Id;
        switch (verb)
        {
            case "exercise.hurts":
                // Every later plan is gentler, and this exercise gives way to its regression (superman -> bird dog).
                turn.State.DoseStepBack++;
                AddOnce(progress.Replaced, id);
                break;
            case "exercise.tooHard":
                AddOnce(progress.SteppedDown, id);
                progress.Done.Remove(id);
                break;
            default:
                progress.Done[id] = progress.Done.GetValueOrDefault(id) + 1;
                break;
        }

        turn.Say(texts.T(turn, reply));
        var noted = texts.T(turn, "card.noted", "answer", texts.T(turn, label));
        return Outcome(new CardReplaced(new CardReply(services.Cards.Exercise(turn.Locale, planned, plan.Number, noted))));
    }

    private static void AddOnce(List<string> ids, string id)
    {
        if (!ids.Contains(id))
        {
            ids.Add(id);
        }
    }

    private static Task<CardOutcome?> Outcome(CardOutcome outcome) => Task.FromResult<CardOutcome?>(outcome);
}
