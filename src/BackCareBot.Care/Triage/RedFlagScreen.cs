using BackCareBot.Care.Content;
using BackCareBot.Care.Understanding;

namespace BackCareBot.Care.Triage;

/// <summary>Checks every free-text message for warning signs in people's own words (dialogs/concepts.json); the most urgent wins.</summary>
public sealed class RedFlagScreen(CareContent content) : IWarningSignCheck
{
    private readonly WarningSignRecognizer _recognizer = new(content);

    /// <summary>The sign the message states, clear or worth a confirming question, or null.</summary>
    public SignMatch? Recognize(string? text, IReadOnlyCollection<string>? raised = null) => _recognizer.Recognize(text, raised);

    /// <summary>A sign the message states clearly enough to route at once.</summary>
    public RedFlag? Match(string? text) => Recognize(text) is { Tier: SignTier.Clear } match ? match.Flag : null;
}
