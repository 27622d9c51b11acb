using System.Globalization;
using BackCareBot.Care.Content;
using BackCareBot.Care.State;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Advice;

/// <summary>An exercise with the dose chosen for this person today.</summary>
public sealed record PlannedExercise(Exercise Exercise, ExerciseDose Dose, bool Gentle);

/// <summary>
/// Dose follows pain (clinical.md 4.2): 0-3 standard; 4-6 gentle for strengthening, and a rest between movements for
/// every exercise; 7+ only exercises allowed at any pain level, gentle, capped at 5 reps with 2 s holds. No pain
/// score means the gentle dose. A worse check-in steps back one level. L4 gets gentle doses only; L3 and above get
/// none. Which exercises: those whose pain range and exclusions fit, the seed's first, then those that suit these
/// answers best (<c>preferWhen</c>), then the rest in catalogue order.
/// </summary>
public sealed class ExercisePlanner(CareContent content)
{
    public const int SeverePain = 7;

    /// <summary>Cards per plan.</summary>
    public const int MaxCards = 5;
    private const int ModeratePain = 4;
    private const int MaxPain = 10;
    private const int RestBetweenSeconds = 10;

    private readonly ProgressionRule _rule = content.Programme.Progression;

    /// <summary>The answers a plan is made from: the pain score and every exclusion's and preference's answers.</summary>
    private readonly string[] _inputs = [.. new[] { "pain_now" }
        .Concat(content.Exercises.Exercises.SelectMany(e => new[] { e.ExcludeWhen, e.PreferWhen }).OfType<Condition>().SelectMany(ConditionAnswers.In))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The plan for these answers, level and dose step; <paramref name="progress"/> is what earlier cards' feedback
    /// and the programme changed: a replaced exercise gives its place to its regression, a stepped-down one gets the
    /// gentle dose, and each step up (every third "Done" on that exercise, and each step the whole plan moved up)
    /// adds repeats, up to the most steps, while the pain is below 4 (programme.json progression).
    /// </summary>
    public IReadOnlyList<PlannedExercise> Plan(IReadOnlyDictionary<string, string> answers, string level, int stepsBack, ExerciseProgress? progress = null)
    {
        if (TriageLevels.BlocksExercises(level))
        {
            return [];
        }

        progress ??= new ExerciseProgress();
        var score = PainScore(answers);
        // Steps back make the plan gentler down to the gentlest (the highest pain score), never to no exercises at all.
        var pain = Math.Min(MaxPain, (score ?? ModeratePain) + (stepsBack * 3));
        var plan = new Dictionary<string, (PlannedExercise Planned, int Rank, int Order)>(StringComparer.Ordinal);
        foreach (var (listed, order) in content.Exercises.Exercises.Select((e, i) => (e, i)))
        {
            if (Effective(listed, progress) is not { } exercise
                || pain > exercise.PainMax || (exercise.ExcludeWhen is { } exclude && Holds(exclude, answers)))
            {
                continue;
            }

            // L4 (see a doctor soon) still allows self-care, but only gentle (clinical.md 2.1); so does a missing score.
            var gentle = score is null || pain >= SeverePain || (pain >= ModeratePain && exercise.Kind == "strength")
                || TriageLevels.AtLeast(level, "L4") || progress.SteppedDown.Contains(exercise.Id);
            var dose = gentle ? exercise.Dose.Gentle! : exercise.Dose.Standard!;
            if (pain >= SeverePain)
            {
                dose = new ExerciseDose { Reps = Math.Min(dose.Reps, 5), HoldSeconds = 2, Sets = 1, RestSeconds = Math.Max(dose.RestSeconds, RestBetweenSeconds), Frequency = dose.Frequency };
            }
            else if (pain >= ModeratePain)
            {
                // The seed: less effort, a shorter hold, and a break between movements when pain is high.
                dose = new ExerciseDose { Reps = dose.Reps, HoldSeconds = Math.Min(dose.HoldSeconds, 2), Sets = dose.Sets, RestSeconds = Math.Max(dose.RestSeconds, RestBetweenSeconds), Frequency = dose.Frequency };
            }
            else if (!gentle && StepsUp(exercise, progress) is > 0 and var steps)
            {
                dose = new ExerciseDose { Reps = dose.Reps + (_rule.RepsPerStep * steps), HoldSeconds = dose.HoldSeconds, Sets = dose.Sets, RestSeconds = dose.RestSeconds, Frequency = dose.Frequency };
            }

            // A regression takes the place of the exercise it replaces (the seed's superman -> bird dog first).
            var rank = listed.Seed is not null ? 0 : listed.PreferWhen is { } prefer && Holds(prefer, answers) ? 1 : 2;
            if (!plan.TryGetValue(exercise.Id, out var known) || rank < known.Rank)
            {
                plan[exercise.Id] = (new PlannedExercise(exercise, dose, gentle), rank, order);
            }
        }

        return [.. plan.Values.OrderBy(p => p.Rank).ThenBy(p => p.Order).Take(MaxCards).Select(p => p.Planned)];
    }

    /// <summary>Steps up for one exercise: its own "Done" presses and the plan's steps, at most the rule's maximum.</summary>
    private int StepsUp(Exercise exercise, ExerciseProgress progress) =>
        Math.Min((progress.Done.GetValueOrDefault(exercise.Id) / _rule.DonesPerStep) + progress.StepsUp, _rule.MaxSteps);

    /// <summary>The exercise itself, or the regression that replaced it after "It hurts"; null when none is left.</summary>
    private Exercise? Effective(Exercise exercise, ExerciseProgress progress)
    {
        var current = exercise;
        for (var hops = 0; current is not null && progress.Replaced.Contains(current.Id); hops++)
        {
            current = hops < content.Exercises.Exercises.Count && current.Regression is { } next ? content.Exercises.Exercises.Find(e => e.Id == next) : null;
        }

        return current;
    }

    /// <summary>
    /// The planning answers as one short string ("direction=back;pain_now=3"): a plan whose basis differs from
    /// today's answers is out of date, so feedback on its cards changes nothing.
    /// </summary>
    public string Basis(IReadOnlyDictionary<string, string> answers) =>
        string.Join(';', _inputs.Where(answers.ContainsKey).Select(id => $"{id}={answers[id]}"));

    private static bool Holds(Condition condition, IReadOnlyDictionary<string, string> answers) => ConditionEvaluator.Holds(condition, answers, NoConditionFacts.Instance);

    /// <summary>The pain score (0 when there is none), for the messages that depend on it.</summary>
    public static int Pain(IReadOnlyDictionary<string, string> answers) => PainScore(answers) ?? 0;

    private static int? PainScore(IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue("pain_now", out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pain) ? pain : null;
}
