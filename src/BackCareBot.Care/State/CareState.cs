using System.Text.Json.Serialization;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Care.State;

/// <summary>
/// Everything stored for one conversation, in one document, loaded once and saved once per turn.
/// <see cref="SchemaVersion"/> lets a newer bot read older state.
/// </summary>
public sealed class CareState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>"en" or "zh-CN" when the user chose a language; null follows the channel's locale.</summary>
    public string? Locale { get; set; }

    public string? Country { get; set; }

    /// <summary>The most urgent triage level reached; never lowered in a conversation.</summary>
    public string Level { get; set; } = Triage.TriageLevels.SelfCare;

    public List<string> Flags { get; set; } = [];

    /// <summary>The warning sign whose confirming question is open, if any.</summary>
    public string? PendingSign { get; set; }

    /// <summary>Signs already asked about with a confirming question: each is asked once per conversation.</summary>
    public List<string>? AskedSigns { get; set; }

    /// <summary>Answers understood from what the user said before the question was asked, to confirm instead of asking again.</summary>
    public Dictionary<string, string>? Heard { get; set; }

    public DialogState Dialog { get; set; } = new();

    /// <summary>How many steps gentler than the pain score suggests, after worse check-ins.</summary>
    public int DoseStepBack { get; set; }

    /// <summary>The exercise plan last sent; null before the first one and after "start over".</summary>
    public ExercisePlanState? Plan { get; set; }

    /// <summary>What the exercise cards' feedback changed for later plans.</summary>
    public ExerciseProgress Progress { get; set; } = new();

    /// <summary>The daily check-in the user opted into; null when there is none.</summary>
    public Programme.CheckInPlan? CheckIn { get; set; }

    /// <summary>When the next check-in is due (UTC); null when none is planned.</summary>
    public DateTimeOffset? CheckInDue { get; set; }

    /// <summary>Where to send the check-in; kept only while one is planned.</summary>
    public ConversationReference? CheckInReference { get; set; }

    /// <summary>The id of the activity whose turn this state is the result of: a retry of it is not run again.</summary>
    public string? LastActivityId { get; set; }

    /// <summary>
    /// The replies of that turn, stored in the same write as the state and removed once they are delivered; while
    /// they are here the person may not have seen them, so they go out before anything else is answered.
    /// </summary>
    public PendingReplies? Pending { get; set; }
}

/// <summary>A stored turn's replies not yet acknowledged as delivered, with its invoke response when it was a card action.</summary>
public sealed class PendingReplies
{
    public List<OutgoingActivity> Entries { get; set; } = [];

    public InvokeResponse? Invoke { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CareState))]
[JsonSerializable(typeof(CheckInEntry))]
public sealed partial class CareStateJsonContext : JsonSerializerContext;

/// <summary>
/// The exercise plan last sent: its number (its cards carry it, so feedback on an older plan is refused), what its
/// doses were planned from (so a card can be shown again exactly as it was sent), and the cards that got feedback.
/// </summary>
public sealed class ExercisePlanState
{
    public int Number { get; set; }

    public int DoseStepBack { get; set; }

    public string Level { get; set; } = Triage.TriageLevels.SelfCare;

    /// <summary>The answers the plan was made from (<c>ExercisePlanner.Basis</c>); when they change, the plan is out of date.</summary>
    public string Answers { get; set; } = "";

    /// <summary>Exercise ids of this plan's cards that got feedback: at most one answer per card.</summary>
    public List<string> Feedback { get; set; } = [];

    /// <summary>The feedback the plan was made with, so its cards can be shown again as they were sent.</summary>
    public ExerciseProgress Progress { get; set; } = new();
}

/// <summary>
/// Feedback on exercise cards, for every later plan: "It hurts" replaces an exercise by its regression, "Too hard"
/// steps it down to the gentle dose, and every third "Done" adds 2 repeats (clinical.md 4.2: 1-2 every few days).
/// </summary>
public sealed class ExerciseProgress
{
    public List<string> Replaced { get; set; } = [];

    public List<string> SteppedDown { get; set; } = [];

    public Dictionary<string, int> Done { get; set; } = [];

    public ExerciseProgress Copy() => new() { Replaced = [.. Replaced], SteppedDown = [.. SteppedDown], Done = new(Done) };
}

/// <summary>An index entry the check-in scheduler lists: which conversation, and when.</summary>
public sealed class CheckInEntry
{
    public string StateKey { get; set; } = "";

    public DateTimeOffset Due { get; set; }

    public ConversationReference Reference { get; set; } = new();
}
