using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// The check-in card as the question of the check-in's first step, its drop-downs filled in with the last answers:
/// stiffness and sleeping position from the last check-in that gave them, else from the first check.
/// </summary>
internal sealed class CheckInCardQuestion(CareContent content, CheckInCards cards)
{
    public AdaptiveCard Card(DialogContext<CareTurn> dc, FlowStep step, string prompt, string run)
    {
        var answers = dc.State.Answers;
        var days = dc.Turn.State.CheckIn is { } plan ? PainDiary.Days(plan) : [];
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        Default(defaults, "stiffness", answers.GetValueOrDefault("checkin_stiffness") ?? days.LastOrDefault(d => d.Stiffness.Length > 0)?.Stiffness ?? answers.GetValueOrDefault("stiffness"));
        Default(defaults, "slept", answers.GetValueOrDefault("checkin_slept") ?? days.LastOrDefault(d => d.Slept.Length > 0)?.Slept ?? answers.GetValueOrDefault("sleep_position"));
        Default(defaults, "exercised", answers.GetValueOrDefault("checkin_exercised"));
        return cards.Daily(dc.Turn.Locale, step, prompt, run, content.Flows[CheckInProgramme.Flow].Steps, defaults);
    }

    /// <summary>What the answered check-in card shows instead of its buttons: "Pain 4/10 · Less than 30 minutes · On my side".</summary>
    public static string Answered(CareTexts texts, StepCatalog steps, CareTurn turn, IReadOnlyDictionary<string, string> answers)
    {
        var parts = new List<string> { texts.T(turn, "card.checkin_answered", "pain", answers.GetValueOrDefault("checkin_pain") ?? "?") };
        foreach (var (_, stepId) in CheckInCards.Inputs)
        {
            if (answers.TryGetValue(stepId, out var value) && steps.Find(stepId) is { } step)
            {
                parts.Add(texts.AnswerLabel(turn, step, value));
            }
        }

        return string.Join(" · ", parts);
    }

    private static void Default(Dictionary<string, string> defaults, string input, string? value)
    {
        if (value is not null)
        {
            defaults[input] = value;
        }
    }
}
