using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackCareBot.Dialogs.Flows;

/// <summary>A conversation flow loaded from dialogs/flows/*.json: a data-defined waterfall of a few step kinds.</summary>
public sealed class Flow
{
    public string Id { get; set; } = "";

    public string Start { get; set; } = "";

    public List<FlowStep> Steps { get; set; } = [];
}

public static class StepKinds
{
    public const string Choice = "choice";
    public const string YesNo = "yesno";
    public const string Number = "number";
    public const string Text = "text";
    public const string Tell = "tell";
    public const string Branch = "branch";
    public const string Action = "action";
    public const string SubFlow = "flow";

    /// <summary>Several questions of the flow on one card (<see cref="FlowStep.Fields"/>); see <see cref="FlowForm"/>.</summary>
    public const string Form = "form";

    public static bool Asks(string kind) => kind is Choice or YesNo or Number or Text or Form;
}

public sealed class FlowStep
{
    public string Id { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Prompt { get; set; }

    public string? Why { get; set; }

    public List<FlowChoice>? Choices { get; set; }

    /// <summary>For forms: the ids of the choice and yes/no steps of the same flow that the card asks at once.</summary>
    public List<string>? Fields { get; set; }

    /// <summary>For a form that is a checklist of warning signs: the key of its "None of these" answer.</summary>
    public string? None { get; set; }

    /// <summary>For yes/no steps: the red flag a "yes" raises.</summary>
    public string? Flag { get; set; }

    public bool AllowUnsure { get; set; }

    public int? Min { get; set; }

    public int? Max { get; set; }

    public List<string>? Text { get; set; }

    public List<FlowRule>? Rules { get; set; }

    public string? Next { get; set; }

    public string? Action { get; set; }

    public string? Flow { get; set; }

    /// <summary>For a number step: the card it is asked with instead of the plain number card (e.g. "checkin").</summary>
    public string? Card { get; set; }
}

public sealed class FlowChoice
{
    public string Value { get; set; } = "";

    public string Label { get; set; } = "";
}

public sealed class FlowRule
{
    public Condition When { get; set; } = new();

    public string Goto { get; set; } = "";
}

/// <summary>
/// A rule over answers (by step id) and facts the bot supplies (e.g. the triage level); exactly one form per object.
/// </summary>
public sealed class Condition
{
    public string? Answer { get; set; }

    public string? Is { get; set; }

    public List<string>? In { get; set; }

    public int? AtLeast { get; set; }

    public int? AtMost { get; set; }

    public bool? Answered { get; set; }

    public List<Condition>? All { get; set; }

    public List<Condition>? Any { get; set; }

    public Condition? Not { get; set; }

    /// <summary>With <see cref="AtLeast"/>: how many of these hold (e.g. the NG65 item count).</summary>
    public List<Condition>? Count { get; set; }

    /// <summary>
    /// Any other member is a fact test (<c>"levelAtLeast": "L4"</c>): the engine does not know the bot's facts, it
    /// asks the <see cref="IConditionFacts"/> it is given; the bot's content validator refuses names it does not know.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Facts { get; set; }
}

/// <summary>The facts a condition can test besides answers, supplied by the bot that runs the flows.</summary>
public interface IConditionFacts
{
    bool Holds(string fact, string value);
}

/// <summary>No facts: every fact test is false (for checks that look at answers alone).</summary>
public sealed class NoConditionFacts : IConditionFacts
{
    public static readonly NoConditionFacts Instance = new();

    public bool Holds(string fact, string value) => false;
}
