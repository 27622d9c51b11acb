namespace BackCareBot.Dialogs.Engine;

public enum DialogTurnStatus
{
    /// <summary>Nothing was on the stack.</summary>
    Empty,

    /// <summary>A dialog asked something and waits for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended.</summary>
    Complete,

    /// <summary>The stack was cleared.</summary>
    Cancelled,
}

public readonly record struct DialogTurnResult(DialogTurnStatus Status, string? Result = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);
}

/// <summary>One entry of the dialog stack: which dialog, at which step, and how often the current question failed.</summary>
public sealed class DialogFrame
{
    public string DialogId { get; set; } = "";

    public string? StepId { get; set; }

    public int Attempts { get; set; }

    /// <summary>Step ids answered in this frame, newest last, so "back" can undo the last answer.</summary>
    public List<string> History { get; set; } = [];
}

/// <summary>
/// The dialog contract: begin, continue (the user answered), resume (a child dialog ended), reprompt.
/// A dialog keeps its position in its <see cref="DialogFrame"/>, never in fields, so it survives restarts.
/// </summary>
public abstract class Dialog(string id)
{
    public string Id { get; } = id;

    public abstract Task<DialogTurnResult> BeginAsync(DialogContext dc, CancellationToken cancellationToken);

    public abstract Task<DialogTurnResult> ContinueAsync(DialogContext dc, CancellationToken cancellationToken);

    public virtual Task<DialogTurnResult> ResumeAsync(DialogContext dc, string? result, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(result, cancellationToken);

    public virtual Task RepromptAsync(DialogContext dc, CancellationToken cancellationToken) => Task.CompletedTask;
}
