using BackCareBot.Care.Content;
using BackCareBot.Care.Understanding;

namespace BackCareBot.Care.Triage;

/// <summary>
/// Checks every free-text message for warning signs in people's own words: the rule net (dialogs/concepts.json) first,
/// the most urgent sign winning; only when it finds nothing, the second net (dialogs/second-net/), which can only ask.
/// </summary>
public sealed class RedFlagScreen(CareContent content) : IWarningSignCheck
{
    private readonly WarningSignRecognizer _recognizer = new(content);
    private readonly SecondNet _secondNet = new(content);

    /// <summary>The sign the message states, clear or worth a confirming question, or null.</summary>
    public SignMatch? Recognize(string? text, IReadOnlyCollection<string>? raised = null) =>
        _recognizer.Recognize(text, raised) ?? _secondNet.Recognize(text, raised);

    /// <summary>A sign the message states clearly enough to route at once (the rule net only: the second net never routes).</summary>
    public RedFlag? Match(string? text) => _recognizer.Recognize(text) is { Tier: SignTier.Clear } match ? match.Flag : null;
}
