using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Content;

/// <summary>
/// Checks the meaning of the content (the JSON schemas check its shape): links, reachability, translations,
/// sources, gentler versions, gaps in the advice table, action names and fact tests. Every problem names the file,
/// the flow and the step. The flow rules are in ContentValidator.Flows.cs.
/// </summary>
public static partial class ContentValidator
{
    public static readonly string[] RequiredLocales = ["en", "zh-CN"];
    private static readonly HashSet<string> CardImageFormats = new([".png", ".jpg", ".jpeg", ".gif"], StringComparer.OrdinalIgnoreCase);
    private static readonly string[] SleepPositions = ["back", "side", "stomach", "varies"];
    private static readonly string[] PainAreas = ["centre", "one_side", "buttock", "above_knee", "below_knee", "shoulder_blades"];

    public static IReadOnlyList<string> Validate(CareContent content)
    {
        var problems = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        ValidateFlows(content, problems, keys);
        WarningSignRules.ValidateQuestions(content, problems);
        ValidateRedFlags(content, problems, keys);
        ValidateEmergency(content, problems, keys);
        problems.AddRange(Understanding.ConceptValidator.Validate(content));
        problems.AddRange(Understanding.AnswerValidator.Validate(content));
        problems.AddRange(Understanding.SecondNetValidator.Validate(content));
        ValidateAdvice(content, problems, keys);
        ValidateExercises(content, problems, keys);
        ValidateQuiz(content, problems, keys);
        ValidateProgramme(content, problems, keys);
        ValidateCards(content, problems);
        ValidateTranslations(content, problems, keys);
        return problems;
    }

    private static void ValidateRedFlags(CareContent content, List<string> problems, HashSet<string> keys)
    {
        foreach (var flag in content.RedFlags.Flags)
        {
            var where = $"redflags.json: flag '{flag.Id}'";
            if (!content.RedFlags.Levels.Exists(l => l.Id == flag.Level))
            {
                problems.Add($"{where}: unknown level '{flag.Level}'");
            }

            CheckSources(content, flag.Sources, problems, where);
            keys.Add(flag.Question);
            if (flag.FollowUp is { } followUp && !content.Flows.ContainsKey(followUp))
            {
                problems.Add($"{where}: follow-up flow '{followUp}' does not exist");
            }
        }

        foreach (var level in content.RedFlags.Levels)
        {
            keys.Add(level.Message);
            AddKey(keys, level.SafetyNet, problems, $"redflags.json: level '{level.Id}'", "safetyNet");
        }
    }

    private static void ValidateEmergency(CareContent content, List<string> problems, HashSet<string> keys)
    {
        foreach (var numbers in content.Emergency.Regions.Prepend(content.Emergency.Default))
        {
            CheckSources(content, numbers.Sources, problems, $"emergency.json: region '{numbers.Region}'");
        }

        foreach (var (locale, region) in content.Emergency.Locales.Where(l => !content.Emergency.Regions.Exists(r => r.Region == l.Value)))
        {
            problems.Add($"emergency.json: locale '{locale}' names unknown region '{region}'");
        }

        keys.UnionWith(["emergency.or_local", "level.urgent.number", "level.urgent.none", "place.ed", "place.gp"]);
    }

    private static void ValidateAdvice(CareContent content, List<string> problems, HashSet<string> keys)
    {
        foreach (var row in content.Advice.Rows)
        {
            var where = $"advice.json: row '{row.Id}'";
            CheckSources(content, row.Sources, problems, where);
            CheckCondition(content, row.When, problems, where);
            keys.UnionWith(row.Advice);
            keys.Add($"advice.intro.{row.Moment ?? Advice.AdvicePlanner.Main}");
        }

        // Every sleep position x pain area must get at least one position correction.
        foreach (var position in SleepPositions)
        {
            foreach (var area in PainAreas)
            {
                var answers = new Dictionary<string, string> { ["sleep_position"] = position, ["pain_area"] = area };
                if (!content.Advice.Rows.Exists(r => r.Id.StartsWith("position.", StringComparison.Ordinal) && ConditionEvaluator.Holds(r.When, answers, NoConditionFacts.Instance)))
                {
                    problems.Add($"advice.json: no position advice for sleep_position '{position}' with pain_area '{area}'");
                }
            }
        }
    }

    private static void ValidateExercises(CareContent content, List<string> problems, HashSet<string> keys)
    {
        var stepIds = content.Flows.Values.SelectMany(f => f.Steps).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var exercise in content.Exercises.Exercises)
        {
            var where = $"exercises.json: exercise '{exercise.Id}'";
            CheckSources(content, exercise.Sources, problems, where);
            if (exercise.ExcludeWhen is { } exclude)
            {
                CheckCondition(content, exclude, problems, where);
            }
            if (exercise.Dose.Gentle is null || string.IsNullOrEmpty(exercise.Easier))
            {
                problems.Add($"{where}: has no gentler version (dose.gentle and easier are required)");
            }

            if (exercise.Dose.Standard is null)
            {
                problems.Add($"{where}: has no standard dose");
            }

            if (!CardImageFormats.Contains(Path.GetExtension(exercise.Image)))
            {
                problems.Add($"{where}: image '{exercise.Image}' is not PNG, JPEG or GIF, the formats Adaptive Cards accept");
            }
            else if (!File.Exists(Path.Combine(content.Folder, "images", exercise.Image)))
            {
                problems.Add($"{where}: image '{exercise.Image}' not found in images/");
            }

            if (exercise.Regression is { } regression
                && (regression == exercise.Id || content.Exercises.Exercises.Find(e => e.Id == regression) is not { } gentler || gentler.PainMax < exercise.PainMax))
            {
                problems.Add($"{where}: regression '{regression}' is not a gentler exercise of the catalogue (one allowed at least the same pain)");
            }

            if (exercise.SeedChoice is { } choice)
            {
                CheckSources(content, choice.Sources, problems, $"{where}: seedChoice");
                if (!exercise.Steps.Contains(choice.CardSays))
                {
                    problems.Add($"{where}: seedChoice names '{choice.CardSays}', which is not one of its steps");
                }
            }

            foreach (var answer in new[] { exercise.ExcludeWhen, exercise.PreferWhen }.OfType<Condition>().SelectMany(ConditionAnswers.In).Where(a => !stepIds.Contains(a)).Distinct(StringComparer.Ordinal))
            {
                problems.Add($"{where}: a condition names '{answer}', which no flow asks");
            }

            keys.UnionWith([exercise.Title, exercise.ImageAlt, exercise.Start, exercise.Easier, exercise.Harder, exercise.Stop, .. exercise.Steps]);
            keys.UnionWith(new[] { exercise.Dose.Standard?.Frequency, exercise.Dose.Gentle?.Frequency }.OfType<string>());
        }
    }

    private static void ValidateCards(CareContent content, List<string> problems)
    {
        foreach (var name in Cards.CareCards.Templates.Where(name => !content.Cards.ContainsKey(name)))
        {
            problems.Add($"cards/{name}.json: missing (the bot sends this card)");
        }
    }

    private static void ValidateQuiz(CareContent content, List<string> problems, HashSet<string> keys)
    {
        foreach (var question in content.Quiz.Questions)
        {
            var where = $"quiz.json: question '{question.Id}'";
            if (!question.Choices.Exists(c => c.Value == question.Answer))
            {
                problems.Add($"{where}: the answer '{question.Answer}' is not one of its choices");
            }

            CheckSources(content, [question.Source], problems, where);
            keys.Add(question.Explanation);
        }
    }

    private static void ValidateTranslations(CareContent content, List<string> problems, HashSet<string> keys)
    {
        WarningSignRules.ValidateWording(content, problems);
        foreach (var locale in RequiredLocales)
        {
            if (!content.Locales.TryGetValue(locale, out var strings))
            {
                problems.Add($"locales/{locale}.json: missing");
                continue;
            }

            foreach (var key in keys.Where(k => !strings.Strings.ContainsKey(k)).Order(StringComparer.Ordinal))
            {
                problems.Add($"locales/{locale}.json: missing translation for '{key}'");
            }

            foreach (var other in RequiredLocales.Where(l => l != locale && content.Locales.ContainsKey(l)))
            {
                // A region's own wording ("place.ed.GB") is optional in each language; its base key is not.
                foreach (var key in strings.Strings.Keys.Where(k => !content.Locales[other].Strings.ContainsKey(k) && RegionalBase(content, k) is null).Order(StringComparer.Ordinal))
                {
                    problems.Add($"locales/{other}.json: missing translation for '{key}' (present in {locale})");
                }
            }
        }
    }

    /// <summary>The key a regional override stands in for ("place.ed.GB" -> "place.ed"), or null.</summary>
    internal static string? RegionalBase(CareContent content, string key)
    {
        var dot = key.LastIndexOf('.');
        return dot > 0 && content.Emergency.Regions.Exists(r => r.Region == key[(dot + 1)..]) ? key[..dot] : null;
    }

    private static void CheckSources(CareContent content, List<string> sources, List<string> problems, string where)
    {
        if (sources.Count == 0)
        {
            problems.Add($"{where}: has no source");
        }

        foreach (var source in sources.Where(s => !content.Sources.ContainsKey(s)))
        {
            problems.Add($"{where}: unknown source '{source}'");
        }
    }

    private static void AddKey(HashSet<string> keys, string? key, List<string> problems, string where, string field)
    {
        if (string.IsNullOrEmpty(key))
        {
            problems.Add($"{where}: has no {field}");
        }
        else
        {
            keys.Add(key);
        }
    }
}
