using System.Globalization;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Dialogs.Flows;

/// <summary>
/// Runs one <see cref="Flow"/>: tells, branches and actions run straight through; choice, yes/no and number steps
/// ask and wait. Answers are stored under the step id; the frame remembers the step and the answered history.
/// An input that names another step or run is stale: nothing changes, and the result says so.
/// </summary>
public sealed class FlowDialog<TTurn> : Dialog<TTurn>
    where TTurn : IFlowTurn
{
    public const string Stopped = "stopped";
    private const int AttemptsBeforeStuck = 2;

    private readonly Flow _flow;
    private readonly IFlowHost<TTurn> _host;
    private readonly Dictionary<string, FlowStep> _steps;
    private readonly Dictionary<string, FlowStep> _formOf = new(StringComparer.Ordinal);

    public FlowDialog(Flow flow, IFlowHost<TTurn> host)
        : base(flow.Id)
    {
        _flow = flow;
        _host = host;
        _steps = flow.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var form in flow.Steps.Where(s => s.Kind == StepKinds.Form))
        {
            foreach (var field in form.Fields ?? [])
            {
                _formOf.TryAdd(field, form);
            }
        }
    }

    private List<FlowStep> Fields(FlowStep form) => [.. (form.Fields ?? []).Select(id => _steps[id])];

    private FlowStep? CurrentStep(DialogContext<TTurn> dc) =>
        dc.ActiveFrame?.StepId is { } id && _steps.TryGetValue(id, out var step) ? step : null;

    public override Task<DialogTurnResult> BeginAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken) =>
        RunFromAsync(dc, _flow.Start, cancellationToken);

    public override async Task<DialogTurnResult> ContinueAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken)
    {
        var frame = dc.ActiveFrame!;
        if (CurrentStep(dc) is not { } step || !StepKinds.Asks(step.Kind))
        {
            return await RunFromAsync(dc, frame.StepId ?? _flow.Start, cancellationToken).ConfigureAwait(false);
        }

        var input = dc.Turn.Input;
        if ((input.CardStepId is { } answeredStep && answeredStep != step.Id) || (input.CardRun is { } run && run != dc.State.Run))
        {
            return DialogTurnResult.Stale;
        }

        if (step.Kind == StepKinds.Form)
        {
            return await ContinueFormAsync(dc, step, cancellationToken).ConfigureAwait(false);
        }

        var candidate = input.CardValue ?? input.Text;
        var (value, unsure) = StepAnswerRecognizer.Recognize(step, candidate, _host, () => _host.Options(dc, step));
        if (unsure && step.AllowUnsure)
        {
            // One clarifying follow-up; if still unsure, a safety question counts as "yes".
            if (frame.Clarifying)
            {
                value = "yes";
            }
            else
            {
                frame.Clarifying = true;
                frame.Attempts = 0;
                await _host.AskAsync(dc, step, AskReason.Clarify, cancellationToken).ConfigureAwait(false);
                return DialogTurnResult.Waiting;
            }
        }

        if (value is null)
        {
            frame.Attempts++;
            frame.Clarifying = false;
            var reason = frame.Attempts >= AttemptsBeforeStuck ? AskReason.Stuck : AskReason.Retry;
            await _host.AskAsync(dc, step, reason, cancellationToken).ConfigureAwait(false);
            return DialogTurnResult.Waiting;
        }

        dc.State.Answers[step.Id] = value;
        frame.History.Add(step.Id);
        frame.Attempts = 0;
        frame.Clarifying = false;
        var answer = new StepAnswer(step.Id, value);
        DialogTurnResult result;
        if (!await _host.OnAnsweredAsync(dc, step, value, cancellationToken).ConfigureAwait(false))
        {
            result = await dc.EndDialogAsync(Stopped, cancellationToken).ConfigureAwait(false);
        }
        else if (dc.ActiveFrame != frame)
        {
            // The host started another dialog on top (an interruption); this frame waits under it.
            result = DialogTurnResult.Waiting;
        }
        else
        {
            result = await RunFromAsync(dc, step.Next, cancellationToken).ConfigureAwait(false);
        }

        return result with { Answer = answer };
    }

    public override Task<DialogTurnResult> ResumeAsync(DialogContext<TTurn> dc, string? result, CancellationToken cancellationToken)
    {
        if (result == Stopped)
        {
            return dc.EndDialogAsync(Stopped, cancellationToken);
        }

        var step = CurrentStep(dc);
        if (step is not null && StepKinds.Asks(step.Kind))
        {
            // An interruption ended: ask the open question again.
            return AskAgainAsync(dc, step, cancellationToken);
        }

        return RunFromAsync(dc, step?.Next, cancellationToken);
    }

    public override Task RepromptAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken) =>
        CurrentStep(dc) is { } step && StepKinds.Asks(step.Kind)
            ? _host.AskAsync(dc, step, AskReason.First, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Undoes the last answer in this flow and asks that question again.</summary>
    /// <returns>False when there is nothing to go back to.</returns>
    public override async Task<bool> GoBackAsync(DialogContext<TTurn> dc, CancellationToken cancellationToken)
    {
        var frame = dc.ActiveFrame!;
        if (frame.History.Count == 0)
        {
            return false;
        }

        var previous = frame.History[^1];
        frame.History.RemoveAt(frame.History.Count - 1);
        dc.State.Answers.Remove(previous);
        if (_steps[previous] is { Kind: StepKinds.Form } form)
        {
            FlowForm.Undo(form, Fields(form), dc.State);
        }

        frame.StepId = previous;
        frame.Attempts = 0;
        frame.Clarifying = false;
        await _host.AskAsync(dc, _steps[previous], AskReason.First, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<DialogTurnResult> AskAgainAsync(DialogContext<TTurn> dc, FlowStep step, CancellationToken cancellationToken)
    {
        await _host.AskAsync(dc, step, AskReason.First, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    private async Task<DialogTurnResult> RunFromAsync(DialogContext<TTurn> dc, string? stepId, CancellationToken cancellationToken)
    {
        var frame = dc.ActiveFrame!;
        while (stepId is not null)
        {
            var step = _steps[stepId];
            frame.StepId = step.Id;
            frame.Attempts = 0;
            frame.Clarifying = false;
            switch (step.Kind)
            {
                case StepKinds.Tell:
                    await _host.TellAsync(dc, step.Text ?? [], cancellationToken).ConfigureAwait(false);
                    stepId = step.Next;
                    break;
                case StepKinds.Branch:
                    stepId = step.Rules?.Find(r => ConditionEvaluator.Holds(r.When, dc.State.Answers, _host.Facts(dc)))?.Goto ?? step.Next;
                    break;
                case StepKinds.Action:
                    if (!await _host.RunActionAsync(dc, step.Action!, cancellationToken).ConfigureAwait(false))
                    {
                        return await dc.EndDialogAsync(Stopped, cancellationToken).ConfigureAwait(false);
                    }

                    if (dc.ActiveFrame != frame)
                    {
                        return DialogTurnResult.Waiting;
                    }

                    stepId = step.Next;
                    break;
                case StepKinds.SubFlow:
                    return await dc.BeginDialogAsync(step.Flow!, cancellationToken).ConfigureAwait(false);
                case var _ when _formOf.TryGetValue(step.Id, out var form) && FlowForm.Covers(form, step, dc.State):
                    // Answered on its form's card: walk on (the branches after it still run).
                    stepId = step.Next;
                    break;
                case StepKinds.Form:
                    FlowForm.Reset(step, Fields(step), dc.State);
                    await _host.AskAsync(dc, step, AskReason.First, cancellationToken).ConfigureAwait(false);
                    return DialogTurnResult.Waiting;
                default:
                    await _host.AskAsync(dc, step, AskReason.First, cancellationToken).ConfigureAwait(false);
                    return DialogTurnResult.Waiting;
            }
        }

        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A form's answer. From its card: every question it answered, each as if asked on its own (a "yes" to a warning
    /// sign raises it; an emergency ends the flow; a checklist's "Not sure" counts as yes, and the host says why).
    /// Typed: a checklist takes "no" / "none" for all of its signs and "yes" / "not sure" to ask them one at a time;
    /// another form takes the answer to its first question and asks the rest one at a time.
    /// </summary>
    private async Task<DialogTurnResult> ContinueFormAsync(DialogContext<TTurn> dc, FlowStep form, CancellationToken cancellationToken)
    {
        var frame = dc.ActiveFrame!;
        var input = dc.Turn.Input;
        var fields = Fields(form);
        List<FormAnswer> answers;
        string? formAnswer;
        if (input.IsCardAnswer && input.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } data)
        {
            answers = FlowForm.Read(form, fields, data);
            formAnswer = answers.Count > 0 || FlowForm.IsChecklist(form) ? FlowForm.Encode(answers) : null;
        }
        else if (FlowForm.IsChecklist(form))
        {
            answers = [];
            formAnswer = _host.YesNo(form, input.Text) switch
            {
                YesNoAnswer.No => FlowForm.NoneTicked,
                YesNoAnswer.Yes or YesNoAnswer.Unsure => FlowForm.AskEach,
                _ => ChoiceRecognizer.Recognize(input.Text, _host.Options(dc, form)) is not null ? FlowForm.NoneTicked : null,
            };
        }
        else
        {
            var first = fields.Find(f => !dc.State.Answers.ContainsKey(f.Id)) ?? fields[0];
            var (value, _) = StepAnswerRecognizer.Recognize(first, input.Text, _host, () => _host.Options(dc, first));
            answers = value is null ? [] : [new FormAnswer(first, value, value)];
            formAnswer = null;
        }

        if (formAnswer is null && answers.Count == 0)
        {
            frame.Attempts++;
            await _host.AskAsync(dc, form, frame.Attempts >= AttemptsBeforeStuck ? AskReason.Stuck : AskReason.Retry, cancellationToken).ConfigureAwait(false);
            return DialogTurnResult.Waiting;
        }

        if (formAnswer is not null)
        {
            dc.State.Answers[form.Id] = formAnswer;
            frame.History.Add(form.Id);
        }

        foreach (var answer in answers)
        {
            dc.State.Answers[answer.Field.Id] = answer.Value;
            if (formAnswer is null)
            {
                frame.History.Add(answer.Field.Id);
            }
        }

        frame.Attempts = 0;
        var result = new StepAnswer(formAnswer is null ? answers[0].Field.Id : form.Id, formAnswer ?? answers[0].Value);
        foreach (var answer in answers)
        {
            if (answer.Unsure)
            {
                await _host.CountUnsureAsYesAsync(dc, answer.Field, cancellationToken).ConfigureAwait(false);
            }

            if (!await _host.OnAnsweredAsync(dc, answer.Field, answer.Value, cancellationToken).ConfigureAwait(false))
            {
                return await dc.EndDialogAsync(Stopped, cancellationToken).ConfigureAwait(false) with { Answer = result };
            }

            if (dc.ActiveFrame != frame)
            {
                return DialogTurnResult.Waiting with { Answer = result };
            }
        }

        return await RunFromAsync(dc, form.Next, cancellationToken).ConfigureAwait(false) with { Answer = result };
    }
}
