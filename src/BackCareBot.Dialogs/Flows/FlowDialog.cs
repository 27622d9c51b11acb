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

    public FlowDialog(Flow flow, IFlowHost<TTurn> host)
        : base(flow.Id)
    {
        _flow = flow;
        _host = host;
        _steps = flow.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

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

        var candidate = input.CardValue ?? input.Text;
        var (value, unsure) = Recognize(dc, step, candidate);
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
                default:
                    await _host.AskAsync(dc, step, AskReason.First, cancellationToken).ConfigureAwait(false);
                    return DialogTurnResult.Waiting;
            }
        }

        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private (string? Value, bool Unsure) Recognize(DialogContext<TTurn> dc, FlowStep step, string? text)
    {
        switch (step.Kind)
        {
            case StepKinds.YesNo:
                return YesNoRecognizer.Recognize(text) switch
                {
                    YesNoAnswer.Yes => ("yes", false),
                    YesNoAnswer.No => ("no", false),
                    YesNoAnswer.Unsure => (null, true),
                    _ => (null, false),
                };
            case StepKinds.Number:
                var number = NumberRecognizer.Recognize(text);
                return number is { } n && n >= (step.Min ?? int.MinValue) && n <= (step.Max ?? int.MaxValue)
                    ? (n.ToString(CultureInfo.InvariantCulture), false)
                    : (null, false);
            case StepKinds.Text:
                return (TextNormalizer.IsBlank(text) ? null : text!.Trim(), false);
            default:
                return (ChoiceRecognizer.Recognize(text, _host.Options(dc, step)), false);
        }
    }
}
