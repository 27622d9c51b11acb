namespace BackCareBot.Dialogs.Engine;

/// <summary>The persisted part of the dialog layer: the stack and the answers, keyed by the id of the step that asked.</summary>
public sealed class DialogState
{
    public List<DialogFrame> Stack { get; set; } = [];

    public Dictionary<string, string> Answers { get; set; } = new(StringComparer.Ordinal);
}
