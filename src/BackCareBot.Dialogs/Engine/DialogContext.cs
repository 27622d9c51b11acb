namespace BackCareBot.Dialogs.Engine;

/// <summary>The dialogs a bot knows, by id.</summary>
public sealed class DialogSet<TTurn>
{
    private readonly Dictionary<string, Dialog<TTurn>> _dialogs = new(StringComparer.Ordinal);

    public DialogSet<TTurn> Add(Dialog<TTurn> dialog)
    {
        _dialogs.Add(dialog.Id, dialog);
        return this;
    }

    public Dialog<TTurn> Find(string id) =>
        _dialogs.TryGetValue(id, out var dialog) ? dialog : throw new InvalidOperationException($"No dialog '{id}'.");
}

/// <summary>The dialog stack for one turn: the five verbs (begin, continue, resume via end, end, replace), cancel and back.</summary>
public sealed class DialogContext<TTurn>(DialogSet<TTurn> dialogs, TTurn turn, DialogState state)
{
    private readonly List<DialogFrame> stack = state.Stack;

    /// <summary>The bot's own view of this turn (the engine never reads it).</summary>
    public TTurn Turn { get; } = turn;

    public DialogState State { get; } = state;

    public IReadOnlyList<DialogFrame> Stack => stack;

    public DialogFrame? ActiveFrame => stack.Count == 0 ? null : stack[^1];

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, CancellationToken cancellationToken)
    {
        var dialog = dialogs.Find(dialogId);
        stack.Add(new DialogFrame { DialogId = dialogId });
        return dialog.BeginAsync(this, cancellationToken);
    }

    public Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken) =>
        ActiveFrame is { } frame
            ? dialogs.Find(frame.DialogId).ContinueAsync(this, cancellationToken)
            : Task.FromResult(new DialogTurnResult(DialogTurnStatus.Empty));

    /// <summary>Ends the active dialog and resumes its parent with the result.</summary>
    public Task<DialogTurnResult> EndDialogAsync(string? result, CancellationToken cancellationToken)
    {
        if (stack.Count > 0)
        {
            stack.RemoveAt(stack.Count - 1);
        }

        return ActiveFrame is { } parent
            ? dialogs.Find(parent.DialogId).ResumeAsync(this, result, cancellationToken)
            : Task.FromResult(new DialogTurnResult(DialogTurnStatus.Complete, result));
    }

    /// <summary>Swaps the active dialog for another without resuming the parent.</summary>
    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, CancellationToken cancellationToken)
    {
        if (stack.Count > 0)
        {
            stack.RemoveAt(stack.Count - 1);
        }

        return BeginDialogAsync(dialogId, cancellationToken);
    }

    public DialogTurnResult CancelAll()
    {
        stack.Clear();
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    public Task RepromptAsync(CancellationToken cancellationToken) =>
        ActiveFrame is { } frame ? dialogs.Find(frame.DialogId).RepromptAsync(this, cancellationToken) : Task.CompletedTask;

    /// <summary>Asks the active dialog to undo its last answer.</summary>
    /// <returns>False when nothing is open or the active dialog has nothing to go back to.</returns>
    public Task<bool> GoBackAsync(CancellationToken cancellationToken) =>
        ActiveFrame is { } frame ? dialogs.Find(frame.DialogId).GoBackAsync(this, cancellationToken) : Task.FromResult(false);
}
