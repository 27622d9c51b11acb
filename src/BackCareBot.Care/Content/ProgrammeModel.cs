namespace BackCareBot.Care.Content;

/// <summary>The programme over the weeks (programme.json): when the plan moves up, the weekly summary, and when to see someone.</summary>
public sealed class ProgrammeFile
{
    public ProgressionRule Progression { get; set; } = new();

    public WeeklySummaryRule WeeklySummary { get; set; } = new();

    public List<EscalationRule> Escalation { get; set; } = [];
}

/// <summary>
/// The plan moves up a step when the exercises were done with nothing hurting on <see cref="GoodDays"/> of the last
/// <see cref="OfLastDays"/> programme days (clinical.md 4.2: add 1-2 repeats every few days if comfortable).
/// </summary>
public sealed class ProgressionRule
{
    public int GoodDays { get; set; }

    public int OfLastDays { get; set; }

    public int RepsPerStep { get; set; }

    public int MaxSteps { get; set; }

    /// <summary>"Done" presses on one exercise that add a step to that exercise alone.</summary>
    public int DonesPerStep { get; set; }

    public List<string> Sources { get; set; } = [];
}

public sealed class WeeklySummaryRule
{
    /// <summary>The summary comes with the check-in of every this many programme days.</summary>
    public int EveryDays { get; set; }

    /// <summary>A change in pain of at most this many points is "about the same".</summary>
    public int SameWithin { get; set; }

    public List<string> Sources { get; set; } = [];
}

/// <summary>
/// After <see cref="AfterDays"/> programme days, when today's pain is not <see cref="PainDownBy"/> points below the
/// first check-in's: <see cref="Say"/> once, and raise <see cref="Flag"/> (its level's message follows) when named.
/// </summary>
public sealed class EscalationRule
{
    public string Id { get; set; } = "";

    public int AfterDays { get; set; }

    public int PainDownBy { get; set; }

    public string? Flag { get; set; }

    public string Say { get; set; } = "";

    public List<string> Sources { get; set; } = [];
}
