using BackCareBot.Care.Content;

namespace BackCareBot.Care.Triage;

/// <summary>Finds a warning sign in what the user wrote, whatever question is open; the most urgent one wins.</summary>
public interface IWarningSignCheck
{
    /// <summary>A sign stated clearly enough to route at once.</summary>
    RedFlag? Match(string? text);

    /// <summary>The sign a message states, clear or worth a confirming question; <paramref name="raised"/> are flags raised earlier.</summary>
    Understanding.SignMatch? Recognize(string? text, IReadOnlyCollection<string>? raised = null);
}
