using BackCareBot.Care.Actions;
using BackCareBot.Care.Content;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// What the flows in dialogs/ need from the care bot: questions put as text, buttons or cards; actions looked up by
/// name; a "yes" to a red-flag question raising it (an emergency ends the flow); quiz answers marked.
/// </summary>
internal sealed class CareFlowHost(CareContent content, CareTexts texts, QuestionRenderer questions, FlowActions actions, TypedAnswers typed) : IFlowHost<CareTurn>
{
    public YesNoAnswer? YesNo(FlowStep step, string? text) => typed.YesNo(step.Id, text);

    public Task AskAsync(DialogContext<CareTurn> dc, FlowStep step, AskReason reason, CancellationToken cancellationToken)
    {
        questions.Ask(dc, step, reason);
        return Task.CompletedTask;
    }

    public Task TellAsync(DialogContext<CareTurn> dc, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        dc.Turn.Say(string.Join("\n\n", keys.Select(k => texts.T(dc.Turn, k))));
        return Task.CompletedTask;
    }

    public IReadOnlyList<ChoiceOption> Options(DialogContext<CareTurn> dc, FlowStep step)
    {
        if (step.Kind == StepKinds.Form)
        {
            return step.None is { } none ? [new ChoiceOption(FlowForm.NoneTicked, texts.Localizer.Phrases(none))] : [];
        }

        IReadOnlyList<ChoiceOption> options = [.. step.Choices!.Select(c => new ChoiceOption(c.Value, texts.Localizer.Phrases(c.Label)))];
        return dc.Turn.Input.IsCardAnswer ? options : typed.Options(step, options, dc.Turn.Input.Text);
    }

    public Task<bool> RunActionAsync(DialogContext<CareTurn> dc, string action, CancellationToken cancellationToken) =>
        actions.Find(action).RunAsync(dc, cancellationToken);

    /// <summary>A sign marked "Not sure" on a checklist card: why it matters, and that it counts as yes.</summary>
    public Task CountUnsureAsYesAsync(DialogContext<CareTurn> dc, FlowStep step, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        turn.Say($"{texts.T(turn, "prompt.unsure_counted", "question", texts.T(turn, step.Prompt!))} {texts.T(turn, step.Why!)}");
        return Task.CompletedTask;
    }

    public Task<bool> OnAnsweredAsync(DialogContext<CareTurn> dc, FlowStep step, string value, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        SayBack(turn, step, value);
        if (step.Flag is { } flagId && value == "yes" && content.RedFlags.Flags.Find(f => f.Id == flagId) is { } flag)
        {
            turn.State.Raise(flag);
            if (TriageLevels.IsEmergency(flag.Level))
            {
                dc.State.Answers.Clear();
                turn.Say($"{texts.LevelMessage(turn, turn.State.Level)}\n\n{texts.HelpNow(turn)}");
                return Task.FromResult(false);
            }
        }

        if (content.Quiz.Questions.Find(q => q.Id == step.Id) is { } question)
        {
            var right = question.Answer == value;
            var answerLabel = texts.T(turn, question.Choices.Find(c => c.Value == question.Answer)!.Label);
            var verdict = right ? texts.T(turn, "quiz.correct") : texts.T(turn, "quiz.wrong", "answer", answerLabel);
            turn.Say($"{verdict} {texts.T(turn, question.Explanation)}\n\n{texts.SourcesLine(turn, [question.Source])}");
        }

        return Task.FromResult(true);
    }

    /// <summary>
    /// Says back what a typed answer was understood as ("On my side — got it."), so a misunderstanding shows at once;
    /// a button's own label or a bare number needs no echo. An answer heard in the first message is now used up.
    /// </summary>
    private void SayBack(CareTurn turn, FlowStep step, string value)
    {
        var text = turn.Input.Text;
        if (!turn.Input.IsCardAnswer && step.Kind is StepKinds.Choice or StepKinds.Number && !IsButtonLabel(turn, step, text))
        {
            var echo = typed.TookHigher(step, text) ? "answer.echo_higher" : "answer.echo";
            turn.Say(texts.T(turn, echo, "answer", texts.AnswerLabel(turn, step, value)));
        }

        turn.State.Heard?.Remove(step.Id);
        if ((step.Id == "consent" && value == "no") || turn.State.Heard?.Count == 0)
        {
            turn.State.Heard = null;
        }
    }

    private bool IsButtonLabel(CareTurn turn, FlowStep step, string? text) =>
        TextNormalizer.Normalize(text) is var typedText && (step.Kind == StepKinds.Number ? int.TryParse(typedText, out _)
            : (step.Choices ?? []).Exists(c => TextNormalizer.Normalize(texts.T(turn, c.Label)) == typedText || TextNormalizer.Normalize(c.Value) == typedText));

    public IConditionFacts Facts(DialogContext<CareTurn> dc) => new TriageFacts(dc.Turn.State.Level);
}
