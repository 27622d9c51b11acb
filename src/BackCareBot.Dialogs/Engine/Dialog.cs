using System.Text.Json.Serialization;

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

    /// <summary>The input answered a question that is no longer the open one; nothing changed, the dialog still waits.</summary>
    Stale,
}

/// <summary>An answer a dialog accepted this turn: the step that asked and the value stored for it.</summary>
public sealed record StepAnswer(string StepId, string Value);

public readonly record struct DialogTurnResult(DialogTurnStatus Status, string? Result = null, StepAnswer? Answer = null)
{
    public static readonly DialogTurnResult Waiting = new(DialogTurnStatus.Waiting);

    public static readonly DialogTurnResult Stale = new(DialogTurnStatus.Stale);
}

/// <summary>One entry of the dialog stack: which dialog, at which step, and how often the current question failed.</summary>
public sealed class DialogFrame : IJsonOnDeserialized
{
    public string DialogId { get; set; } = "";

    public string? StepId { get; set; }

    public int Attempts { get; set; }

    /// <summary>The open question got "not sure" and was explained once; a second "not sure" settles it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Clarifying { get; set; }

    /// <summary>Step ids answered in this frame, newest last, so "back" can undo the last answer.</summary>
    public List<string> History { get; set; } = [];

    /// <summary>State saved before <see cref="Clarifying"/> existed marked it as <c>attempts: -1</c>.</summary>
    public void OnDeserialized()
    {
        if (Attempts < 0)
        {
            Attempts = 0;
            Clarifying = true;
        }
    }
}

/// <summary>
/// The dialog contract: begin, continue (the user answered), resume (a child dialog ended), reprompt, and back.
/// A dialog keeps its position in its <see cref="DialogFrame"/>, never in fields, so it survives restarts.
/// <typeparamref name="TTurn"/> is the bot's own view of the turn, which the engine hands through untouched.
/// </summary>
public abstract class Dialog<TTurn>(string id)
{
    public string Id { get; } = id;

    public abstract Task<DialogTurnResult> BeginAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken);

    public abstract Task<DialogTurnResult> ContinueAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken);

    public virtual Task<DialogTurnResult> ResumeAsync(DialogContext<TTurn> dc, string? result, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(result, cancellationToken);

    public virtual Task RepromptAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Undoes the last answer and asks that question again.</summary>
    /// <returns>False when there is nothing to go back to.</returns>
    public virtual Task<bool> GoBackAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken) => Task.FromResult(false);
}
