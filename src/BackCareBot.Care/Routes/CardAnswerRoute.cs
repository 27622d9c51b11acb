using BackCareBot.Care.Cards;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>
/// A question card's button (the <c>answer</c> verb, or the <c>Action.Submit</c> fallback): the open question takes
/// the answer and the card gives way to a summary of it; a card of another question or an ended check is stale.
/// </summary>
internal sealed class CardAnswerRoute(CareTexts texts, CareCards cards, StepCatalog steps, OpenQuestion open) : ICareRoute
{
    public async Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        if (dc.ActiveFrame is null && turn.Input.IsCardAnswer)
        {
            // A card from a conversation that has ended: nothing is open for it to answer.
            turn.Say(texts.T(turn, "prompt.stale_closed"));
            return CardOutcome.Stale;
        }

        var asked = steps.Current(dc);
        var result = await open.AnswerAsync(dc, cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Stale)
        {
            return CardOutcome.Stale;
        }

        if (turn.Input.IsCardAnswer && result.Answer is { } answer && asked is not null)
        {
            var question = asked.Prompt is { } prompt ? texts.T(turn, prompt) : null;
            var label = asked.Card == CheckInCards.Card ? CheckInCardQuestion.Answered(texts, steps, turn, dc.State.Answers) : texts.AnswerLabel(turn, asked, answer.Value);
            return new CardReplaced(new CardReply(cards.Answered(turn.Locale, question, label)));
        }

        return CardOutcome.Received;
    }
}
