using System.Text.Json.Serialization;

namespace BackCareBot.Care.Understanding;

/// <summary>dialogs/concepts.json: the words for each concept, and each warning sign as combinations of concepts.</summary>
public sealed class ConceptFile
{
    public List<Concept> Concepts { get; set; } = [];

    public List<SignRule> Signs { get; set; } = [];

    /// <summary>Negation words per locale: before / after what they negate, look-alikes that do not negate, terminators.</summary>
    public Dictionary<string, NegationWords> Negation { get; set; } = [];

    /// <summary>Real words per locale that look like a typo of a lexicon word ("paint" is not "faint") and are never corrected.</summary>
    public Dictionary<string, List<string>> Lookalikes { get; set; } = [];

    /// <summary>Typed spellings per locale that no typo rule reaches ("legz"), each with the lexicon word it stands for.</summary>
    public Dictionary<string, Dictionary<string, string>> Spellings { get; set; } = [];

    /// <summary>Words per locale that may stand inside a phrase without changing it ("completely", 都): "lie completely still" = "lie still".</summary>
    public Dictionary<string, List<string>> Fillers { get; set; } = [];
}

/// <summary>One idea (a symptom, a body site, a qualifier, an event) and the words people use for it, per locale.</summary>
public sealed class Concept
{
    public string Id { get; set; } = "";

    /// <summary>symptom, site, qualifier, event, history, context, measure (computed from numbers) or other (words that only hide a look-alike).</summary>
    public string Kind { get; set; } = "";

    [JsonPropertyName("en")]
    public List<string> English { get; set; } = [];

    [JsonPropertyName("zh-CN")]
    public List<string> Chinese { get; set; } = [];

    /// <summary>Concepts that cancel this one in the same message: "years ago" does not count with "yesterday",
    /// "my husband has" not with "we've both got".</summary>
    public List<string> Unless { get; set; } = [];
}

/// <summary>A warning sign: any <see cref="Clear"/> combination routes at once, any <see cref="Confirm"/> combination asks first;
/// a <see cref="Soften"/> concept in the same message turns a clear match into a question and drops a confirming one.</summary>
public sealed class SignRule
{
    public string Flag { get; set; } = "";

    public List<List<string>> Clear { get; set; } = [];

    public List<List<string>> Confirm { get; set; } = [];

    public List<string> Soften { get; set; } = [];
}

public sealed class NegationWords
{
    public List<string> Before { get; set; } = [];

    public List<string> After { get; set; } = [];

    public List<string> Pseudo { get; set; } = [];

    public List<string> Terminators { get; set; } = [];
}
