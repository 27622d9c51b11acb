namespace BackCareBot.Dialogs.Engine;

/// <summary>The persisted part of the dialog layer: the stack and the answers, keyed by the id of the step that asked.</summary>
public sealed class DialogState
{
    public List<DialogFrame> Stack { get; set; } = [];

    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A short id for this run of the conversation, written into every question card; a new run ("start over")
    /// gets a new id, so an answer from a card of an earlier run is refused even when it names the current step.
    /// </summary>
    public string? Run { get; set; }

    public string EnsureRun() => Run ??= Random.Shared.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
