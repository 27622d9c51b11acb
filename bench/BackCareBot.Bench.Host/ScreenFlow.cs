using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Bench.Host;

/// <summary>
/// The benchmark waterfall (bench/README.md): consent, sleeping position, pain 0-10, does moving ease it,
/// pain area, summary. The same questions, choices and order as bench/botbuilder-js/index.js.
/// </summary>
public static class ScreenFlow
{
    public const string Id = "screen";
    public const string Summary = "summary";

    public static Flow Create() => new()
    {
        Id = Id,
        Start = "consent",
        Steps =
        [
            new() { Id = "consent", Kind = StepKinds.YesNo, Prompt = "May I ask you a few questions about your back?", Next = "position" },
            new()
            {
                Id = "position", Kind = StepKinds.Choice, Prompt = "How do you usually sleep?", Next = "pain",
                Choices = [Choice("back", "Back"), Choice("side", "Side"), Choice("stomach", "Stomach"), Choice("varies", "It varies")],
            },
            new() { Id = "pain", Kind = StepKinds.Number, Prompt = "How bad is the pain when you wake up, from 0 to 10?", Min = 0, Max = 10, Next = "eases" },
            new() { Id = "eases", Kind = StepKinds.YesNo, Prompt = "Does moving around ease it?", Next = "area" },
            new()
            {
                Id = "area", Kind = StepKinds.Choice, Prompt = "Where does it hurt most?", Next = Summary,
                Choices = [Choice("lower", "Lower back"), Choice("oneside", "One side"), Choice("leg", "Down a leg"), Choice("unsure", "Hard to say")],
            },
            new() { Id = Summary, Kind = StepKinds.Action, Action = Summary },
        ],
    };

    private static FlowChoice Choice(string value, string label) => new() { Value = value, Label = label };
}
