using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Advice;

/// <summary>Picks the rows of the advice table whose condition holds for the user's answers.</summary>
public sealed class AdvicePlanner(CareContent content)
{
    public IReadOnlyList<AdviceRow> Plan(IReadOnlyDictionary<string, string> answers, IConditionFacts facts) =>
        content.Advice.Rows.FindAll(row => ConditionEvaluator.Holds(row.When, answers, facts));
}
