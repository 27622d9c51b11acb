using System.Globalization;
using BackCareBot.Care.Content;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Advice;

/// <summary>An exercise with the dose chosen for this person today.</summary>
public sealed record PlannedExercise(Exercise Exercise, ExerciseDose Dose, bool Gentle);

/// <summary>
/// Dose follows pain (clinical.md 4.2): 0-3 standard; 4-6 gentle for strengthening; 7+ only exercises allowed at any
/// pain level, gentle, capped at 5 reps with 2 s holds. A worse check-in steps back one level. L4 gets gentle doses
/// only; L3 and above get none.
/// </summary>
public sealed class ExercisePlanner(CareContent content)
{
    public const int SeverePain = 7;

    /// <summary>The answers a plan is made from: the pain score, whether moving eases it, and every exclusion's answers.</summary>
    private readonly string[] _inputs = [.. new[] { "pain_now", "moving_eases" }
        .Concat(content.Exercises.Exercises.Select(e => e.ExcludeWhen).OfType<Condition>().SelectMany(AnswersIn))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Cards per plan: the seed's stretch and strengthening first, then the gentlest mobility work.</summary>
    public const int MaxCards = 5;
    private const int ModeratePain = 4;

    public IReadOnlyList<PlannedExercise> Plan(IReadOnlyDictionary<string, string> answers, string level, int stepsBack)
    {
        if (TriageLevels.BlocksExercises(level))
        {
            return [];
        }

        var pain = Pain(answers) + (stepsBack * 3);
        var plan = new List<PlannedExercise>();
        foreach (var exercise in content.Exercises.Exercises)
        {
            if (pain > exercise.PainMax || (exercise.ExcludeWhen is { } exclude && ConditionEvaluator.Holds(exclude, answers, NoConditionFacts.Instance)))
            {
                continue;
            }

            // Press-ups only help when moving backwards eases the pain; offer them to those who said moving helps.
            if (exercise.Id == "EX-PRESS-UP" && !(answers.TryGetValue("moving_eases", out var eases) && eases == "yes"))
            {
                continue;
            }

            // L4 (see a GP soon) still allows self-care, but only gentle (clinical.md 2.1).
            var gentle = pain >= SeverePain || (pain >= ModeratePain && exercise.Kind == "strength") || TriageLevels.AtLeast(level, "L4");
            var dose = gentle ? exercise.Dose.Gentle! : exercise.Dose.Standard!;
            if (pain >= SeverePain)
            {
                dose = new ExerciseDose { Reps = Math.Min(dose.Reps, 5), HoldSeconds = Math.Min(Math.Max(dose.HoldSeconds, 2), 2), Sets = 1, RestSeconds = Math.Max(dose.RestSeconds, 10), Frequency = dose.Frequency };
            }
            else if (pain >= ModeratePain && !gentle && exercise.Dose.Standard!.HoldSeconds > 2)
            {
                dose = new ExerciseDose { Reps = dose.Reps, HoldSeconds = 2, Sets = dose.Sets, RestSeconds = Math.Max(dose.RestSeconds, 10), Frequency = dose.Frequency };
            }

            plan.Add(new PlannedExercise(exercise, dose, gentle));
        }

        return [.. plan.OrderBy(p => p.Exercise.Seed is null).Take(MaxCards)];
    }

    /// <summary>
    /// The planning answers as one short string ("moving_eases=yes;pain_now=3"): a plan whose basis differs from
    /// today's answers is out of date, so feedback on its cards changes nothing.
    /// </summary>
    public string Basis(IReadOnlyDictionary<string, string> answers) =>
        string.Join(';', _inputs.Where(answers.ContainsKey).Select(id => $"{id}={answers[id]}"));

    private static IEnumerable<string> AnswersIn(Condition condition) =>
        new[] { condition.Answer }.OfType<string>()
            .Concat(new[] { condition.All, condition.Any, condition.Count }.OfType<List<Condition>>().SelectMany(list => list.SelectMany(AnswersIn)))
            .Concat(condition.Not is { } not ? AnswersIn(not) : []);

    public static int Pain(IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue("pain_now", out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pain) ? pain : 0;
}
