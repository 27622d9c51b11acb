using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Conversation;

/// <summary>The words of a turn in its language: strings by key, emergency numbers filled in, level messages, sources.</summary>
internal sealed class CareTexts(CareContent content, Localizer localizer)
{
    private readonly EmergencyDirectory _emergency = new(content);

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
        step.Choices?.Find(c => c.Value == value) is { } choice ? T(turn, choice.Label)
            : value switch
            {
                "yes" => T(turn, "button.yes"),
                "no" => T(turn, "button.no"),
                "unsure" => T(turn, "button.unsure"),
                _ => value,
            };
}
