using System.Text.Json;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Bench.Host;

/// <summary>The benchmark bot's turn: the turn context and the user's input, read once.</summary>
public sealed record BenchTurn(TurnContext Context, UserInput Input) : IFlowTurn;

/// <summary>Renders the benchmark flow as the JS SDK's prompts do: the question as text, the answers as suggested actions.</summary>
public sealed class ScreenFlowHost : IFlowHost<BenchTurn>
{
    private const string RetryNumber = "Please give a number from 0 to 10.";

    public Task AskAsync(DialogContext<BenchTurn> dc, FlowStep step, AskReason reason, CancellationToken cancellationToken)
    {
        var text = reason == AskReason.Retry && step.Kind == StepKinds.Number ? RetryNumber : step.Prompt;
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            InputHint = "expectingInput",
            SuggestedActions = Buttons.TryGetValue(step.Id, out var buttons) ? new SuggestedActions { Actions = buttons } : null,
        };
        return dc.Turn.Context.SendActivityAsync(activity, cancellationToken);
    }

    public Task TellAsync(DialogContext<BenchTurn> dc, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        dc.Turn.Context.SendTextAsync(string.Join(' ', keys), cancellationToken);

    public IReadOnlyList<ChoiceOption> Options(DialogContext<BenchTurn> dc, FlowStep step) =>
        step.Choices?.ConvertAll(c => new ChoiceOption(c.Value, [c.Label])) ?? [];

    public async Task<bool> RunActionAsync(DialogContext<BenchTurn> dc, string action, CancellationToken cancellationToken)
    {
        var a = dc.State.Answers;
        await dc.Turn.Context.SendTextAsync(
            $"Thanks. You sleep: {Label("position", a["position"])}; pain {a["pain"]}/10; "
            + $"{(a["eases"] == "yes" ? "eases" : "does not ease")} with movement; area: {Label("area", a["area"])}.",
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> OnAnsweredAsync(DialogContext<BenchTurn> dc, FlowStep step, string value, CancellationToken cancellationToken)
    {
        if (step.Id == "consent" && value == "no")
        {
            await dc.Turn.Context.SendTextAsync("All right. Say hi when you want to start.", cancellationToken).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    public IConditionFacts Facts(DialogContext<BenchTurn> dc) => NoConditionFacts.Instance;

    private static readonly Dictionary<string, FlowStep> Steps = ScreenFlow.Create().Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);

    // Built once: the buttons of every question, so a turn serializes them without building them.
    private static readonly Dictionary<string, List<CardAction>> Buttons = Steps.Values
        .Where(s => s.Kind == StepKinds.YesNo || s.Choices is not null)
        .ToDictionary(s => s.Id, s => (s.Kind == StepKinds.YesNo ? ["Yes", "No"] : s.Choices!.ConvertAll(c => c.Label)).ConvertAll(ImBack), StringComparer.Ordinal);

    private static string Label(string stepId, string value) =>
        Steps[stepId].Choices!.Find(c => c.Value == value)?.Label ?? value;

    private static CardAction ImBack(string label) =>
        new() { Type = "imBack", Title = label, Value = JsonSerializer.SerializeToElement(label, BenchJsonContext.Default.String) };
}
