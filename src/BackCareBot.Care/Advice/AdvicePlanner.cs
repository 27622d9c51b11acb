using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Advice;

/// <summary>
/// Picks the rows of the advice table whose condition holds for the user's answers, for one moment of the
/// conversation: tonight's position correction right after the sleep questions, the main advice after the
/// assessment, and the daily-life advice after those two questions.
/// </summary>
public sealed class AdvicePlanner(CareContent content)
{
    public const string Tonight = "tonight";
    public const string Main = "main";
    public const string DailyLife = "daily_life";

    public IReadOnlyList<AdviceRow> Plan(IReadOnlyDictionary<string, string> answers, IConditionFacts facts, string moment) =>
        content.Advice.Rows.FindAll(row => (row.Moment ?? Main) == moment && ConditionEvaluator.Holds(row.When, answers, facts));
}
