using System.Globalization;
using System.Text.Json;

namespace BackCareBot.Dialogs.Flows;

/// <summary>Evaluates a <see cref="Condition"/> against the answers and the facts the bot supplies.</summary>
public static class ConditionEvaluator
{
    public static bool Holds(Condition condition, IReadOnlyDictionary<string, string> answers, IConditionFacts facts)
    {
        if (condition.All is { } all)
        {
            return all.TrueForAll(c => Holds(c, answers, facts));
        }

        if (condition.Any is { } any)
        {
            return any.Exists(c => Holds(c, answers, facts));
        }

        if (condition.Not is { } not)
        {
            return !Holds(not, answers, facts);
        }

        if (condition.Count is { } count)
        {
            return count.Count(c => Holds(c, answers, facts)) >= (condition.AtLeast ?? 1)
                && (condition.AtMost is not { } most || count.Count(c => Holds(c, answers, facts)) <= most);
        }

        if (condition.Facts is { Count: > 0 } tests)
        {
            return tests.All(t => t.Value.ValueKind == JsonValueKind.String && facts.Holds(t.Key, t.Value.GetString()!));
        }

        if (condition.Answer is not { } stepId)
        {
            return false;
        }

        var has = answers.TryGetValue(stepId, out var value);
        if (condition.Answered is { } answered)
        {
            return answered == has;
        }

        if (!has)
        {
            return false;
        }

        if (condition.Is is { } expected)
        {
            return string.Equals(value, expected, StringComparison.Ordinal);
        }

        if (condition.In is { } options)
        {
            return options.Contains(value!);
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        return (condition.AtLeast is not { } min || number >= min) && (condition.AtMost is not { } max || number <= max);
    }
}
