using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Triage;

/// <summary>
/// The facts the content's conditions can test besides answers: <c>"levelAtLeast": "L4"</c> holds when the
/// conversation has reached that triage level (or a more urgent one).
/// </summary>
public sealed class TriageFacts(string level) : IConditionFacts
{
    public const string LevelAtLeast = "levelAtLeast";

    /// <summary>The fact names a condition may use; the content validator refuses any other.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { LevelAtLeast };

    public bool Holds(string fact, string value) => fact == LevelAtLeast && TriageLevels.AtLeast(level, value);
}
