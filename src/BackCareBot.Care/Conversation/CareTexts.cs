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

    /// <summary>The message of a triage level, with the user's emergency and urgent numbers.</summary>
    public string LevelMessage(CareTurn turn, string level) =>
        Fill(turn, T(turn, content.RedFlags.Levels.Find(l => l.Id == level)?.Message ?? "level.L5"));

    public string Fill(CareTurn turn, string text)
    {
        var numbers = _emergency.For(turn.Country);
        var urgent = numbers.Region == "GB" ? T(turn, "level.urgent.GB") : T(turn, "level.urgent.default");
        return text.Replace("{number}", numbers.Emergency, StringComparison.Ordinal).Replace("{urgent}", urgent, StringComparison.Ordinal);
    }

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
