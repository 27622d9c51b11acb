using System.Globalization;
using System.Text.Json.Nodes;
using BackCareBot.Care.Cards;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// How a question is put: text for a free-text step, suggested-action buttons for up to three answers, a card for a
/// number or more choices; with the lead-in a retry, a stuck user or a "not sure" gets.
/// </summary>
internal sealed class QuestionRenderer(CareTexts texts, CareCards cards, CheckInCardQuestion checkIn)
{
    private const int MaxSuggestedActions = 3;

    public void Ask(DialogContext<CareTurn> dc, FlowStep step, AskReason reason)
    {
        var turn = dc.Turn;
        var prompt = texts.T(turn, step.Prompt!);
        if (reason == AskReason.First && turn.State.Heard?.TryGetValue(step.Id, out var heard) == true)
        {
            // An earlier message already gave this answer: confirm it instead of asking afresh.
            prompt = $"{texts.T(turn, "answer.heard_confirm." + step.Id, "answer", texts.AnswerLabel(turn, step, heard))}\n\n{prompt}";
        }

        var lead = reason switch
        {
            AskReason.Retry => RetryText(turn, step),
            AskReason.Stuck => $"{RetryText(turn, step)} {texts.T(turn, "prompt.stuck")}",
            AskReason.Clarify => $"{texts.T(turn, step.Why!)} {texts.T(turn, "prompt.clarify")}",
            _ => null,
        };

        var choices = step.Kind switch
        {
            StepKinds.YesNo => YesNoChoices(step),
            StepKinds.Choice => step.Choices!,
            _ => null,
        };

        if (choices is null && step.Kind == StepKinds.Text)
        {
            turn.Say(lead is null ? prompt : $"{lead}\n\n{prompt}");
            return;
        }

        if (AsksWithCard(step))
        {
            if (lead is not null)
            {
                turn.Say(lead);
            }

            turn.Replies.Add(QuestionCard(dc, step, prompt, choices));
            return;
        }

        turn.Replies.Add(new ButtonsReply(lead is null ? prompt : $"{lead}\n\n{prompt}", [.. choices!.Select(c => texts.T(turn, c.Label))]));
    }

    /// <summary>Whether a step is asked with a card: a number, or more choices than fit as suggested actions.</summary>
    public static bool AsksWithCard(FlowStep step) =>
        step.Kind is StepKinds.Number or StepKinds.Form || (step.Kind == StepKinds.Choice && step.Choices?.Count > MaxSuggestedActions);

    /// <summary>The card for a question asked with a card, refreshable on Teams so an old copy shows it is closed.</summary>
    public CardReply QuestionCard(DialogContext<CareTurn> dc, FlowStep step, string prompt, IReadOnlyList<FlowChoice>? choices)
    {
        var run = dc.State.EnsureRun();
        var locale = dc.Turn.Locale;
        var card = step.Card == CheckInCards.Card ? checkIn.Card(dc, step, prompt, run) : step.Kind switch
        {
            StepKinds.Number => cards.Number(locale, step, prompt, run),
            StepKinds.Form => cards.Form(locale, step, prompt, run),
            _ => cards.Choice(locale, step, prompt, choices!, run),
        };
        return new CardReply(card, new JsonObject { ["step"] = step.Id, ["run"] = run });
    }

    /// <summary>The question a typed answer to a form goes to: its first one not yet answered.</summary>
    private FlowStep FirstUnanswered(CareTurn turn, FlowStep form) =>
        cards.Fields(form) is var fields && fields.FirstOrDefault(f => !turn.State.Dialog.Answers.ContainsKey(f.Id)) is { } first ? first : fields[0];

    private static IReadOnlyList<FlowChoice> YesNoChoices(FlowStep step) =>
        step.AllowUnsure
            ? [new() { Value = "yes", Label = "button.yes" }, new() { Value = "no", Label = "button.no" }, new() { Value = "unsure", Label = "button.unsure" }]
            : [new() { Value = "yes", Label = "button.yes" }, new() { Value = "no", Label = "button.no" }];

    private string RetryText(CareTurn turn, FlowStep step) => step.Kind switch
    {
        StepKinds.YesNo => texts.T(turn, step.AllowUnsure ? "prompt.yesno_unsure.retry" : "prompt.yesno.retry"),
        StepKinds.Text => texts.T(turn, "prompt.text.retry"),
        StepKinds.Form when FlowForm.IsChecklist(step) => texts.T(turn, "prompt.checklist.retry"),
        StepKinds.Form => texts.T(turn, "prompt.form.retry", "question", texts.T(turn, FirstUnanswered(turn, step).Prompt!)),
        StepKinds.Number => texts.T(turn, "prompt.number.retry", "min", (step.Min ?? 0).ToString(CultureInfo.InvariantCulture))
            .Replace("{max}", (step.Max ?? 10).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
        _ => texts.T(turn, "prompt.choice.retry"),
    };
}
