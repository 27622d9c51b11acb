using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Content;

/// <summary>The answers (step ids) a condition reads.</summary>
public static class ConditionAnswers
{
    public static IEnumerable<string> In(Condition condition) =>
        new[] { condition.Answer }.OfType<string>()
            .Concat(new[] { condition.All, condition.Any, condition.Count }.OfType<List<Condition>>().SelectMany(list => list.SelectMany(In)))
            .Concat(condition.Not is { } not ? In(not) : []);
}
