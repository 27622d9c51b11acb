using BackCareBot.Care.Cards;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>
/// Teams asks for a card's current view when it is shown again (the <c>refresh</c> verb): the open question stays as
/// it is, an answered one shows its answer, and anything else (an earlier run, a question no longer asked) shows
/// that it is closed.
/// </summary>
internal sealed class CardRefreshRoute(CareTexts texts, CareCards cards, StepCatalog steps, QuestionRenderer questions) : ICareRoute
{
    public Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var input = turn.Input;
        var step = input.CardStepId is { } id ? steps.Find(id) : null;
        var question = step?.Prompt is { } prompt ? texts.T(turn, prompt) : null;
        var sameRun = input.CardRun is not null && input.CardRun == dc.State.Run;
        CardReply card;
        if (step is not null && question is not null && sameRun && QuestionRenderer.AsksWithCard(step) && steps.Current(dc)?.Id == step.Id)
        {
            card = questions.QuestionCard(dc, step, question, step.Choices);
        }
        else
        {
            card = new CardReply(step is not null && sameRun && dc.State.Answers.TryGetValue(step.Id, out var value)
                ? cards.Answered(turn.Locale, question, texts.AnswerLabel(turn, step, value))
                : cards.Closed(turn.Locale, question));
        }

        return Task.FromResult<CardOutcome?>(new CardReplaced(card));
    }
}
