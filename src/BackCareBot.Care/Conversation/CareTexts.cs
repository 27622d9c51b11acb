using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Conversation;

/// <summary>The words of a turn in its language: strings by key, emergency numbers filled in, level messages, sources.</summary>
internal sealed class CareTexts(CareContent content, Localizer localizer)
{
    private readonly EmergencyDirectory _emergency = new(content);
    private readonly Dictionary<string, FlowStep> _steps = content.Flows.Values.SelectMany(f => f.Steps)
        .GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public Localizer Localizer => localizer;

    public string T(CareTurn turn, string key) => localizer.Text(turn.Locale, key);

    public string T(CareTurn turn, string key, string name, string value) => localizer.Text(turn.Locale, key, name, value);

    /// <summary>
    /// The message of a triage level and its safety net (what to do now, and whom to call if it gets worse), with
    /// the user's emergency and urgent numbers.
    /// </summary>
    public string LevelMessage(CareTurn turn, string level) =>
        content.RedFlags.Levels.Find(l => l.Id == level) is { } found
            ? Fill(turn, $"{T(turn, found.Message)}\n\n{T(turn, found.SafetyNet)}")
            : Fill(turn, T(turn, "level.L5"));

    /// <summary>Fills {number}, {urgent}, {ed} and {gp} for the user's country (emergency.json, regional words).</summary>
    public string Fill(CareTurn turn, string text) => _emergency.Fill(text, turn.Locale, turn.Country);

    public string HelpNow(CareTurn turn) => Fill(turn, T(turn, "help.now"));

    public string SourcesLine(CareTurn turn, IEnumerable<string> sourceIds) =>
        $"{T(turn, "sources.label")}: " + string.Join("; ", sourceIds.Distinct(StringComparer.Ordinal).Select(id => content.Sources[id]).Select(s => $"[{s.Title}]({s.Url})"));

    /// <summary>An answer as the user saw it: the choice's label, or yes / no / not sure, or the value itself.</summary>
    public string AnswerLabel(CareTurn turn, FlowStep step, string value) =>
        step.Kind == StepKinds.Form ? FormLabel(turn, step, value)
        : step.Choices?.Find(c => c.Value == value) is { } choice ? T(turn, choice.Label)
            : value switch
            {
                "yes" => T(turn, "button.yes"),
                "no" => T(turn, "button.no"),
                "unsure" => T(turn, "button.unsure"),
                _ => value,
            };

    /// <summary>A form's answer: "None of these", or each question it answered with the answer given.</summary>
    private string FormLabel(CareTurn turn, FlowStep form, string value) => value switch
    {
        FlowForm.NoneTicked => T(turn, form.None ?? "button.no"),
        FlowForm.AskEach => T(turn, "button.yes"),
        _ => string.Join(" · ", FlowForm.Decode(value).Select(a => _steps.TryGetValue(a.Id, out var field) && field.Prompt is { } prompt
            ? $"{T(turn, prompt)} {AnswerLabel(turn, field, a.Given)}"
            : a.Given)),
    };
}
