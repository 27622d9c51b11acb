using System.Text.Json;
using BackCareBot.Care.Cards;
using BackCareBot.Care.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// The one place a turn's replies and card outcome become activities: every card is fitted to the channel here
/// (<see cref="CareCards.ForChannel"/>, once), a card action is answered in its invoke response, and on Teams a
/// card answered through the <c>Action.Submit</c> fallback is replaced so its buttons cannot be pressed again.
/// </summary>
internal sealed class CareSender(CareTexts texts)
{
    public async Task SendAsync(TurnContext context, CareTurn turn, CardOutcome? outcome, CancellationToken cancellationToken)
    {
        var activity = context.Activity;
        if (activity.IsType(ActivityTypes.Invoke))
        {
            context.InvokeResponse = InvokeResponseFor(turn, outcome ?? CardOutcome.Received);
        }

        foreach (var reply in turn.Replies)
        {
            await context.SendActivityAsync(ToActivity(reply, activity), cancellationToken).ConfigureAwait(false);
        }

        if (!activity.IsType(ActivityTypes.Invoke) && outcome is CardReplaced replaced && activity.ChannelId == CareCards.TeamsChannel && activity.ReplyToId is { } cardId)
        {
            var summary = new Activity { Id = cardId, Attachments = [Attach(replaced.Card, activity)] };
            await context.UpdateActivityAsync(summary, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Activity ToActivity(Reply reply, Activity incoming) => reply switch
    {
        TextReply text => new Activity { Type = ActivityTypes.Message, Text = text.Text },
        ButtonsReply buttons => new Activity
        {
            Text = buttons.Text,
            SuggestedActions = new SuggestedActions
            {
                Actions = [.. buttons.Labels.Select(label => new CardAction { Type = ActionTypes.ImBack, Title = label, Value = JsonSerializer.SerializeToElement(label, CareStateJsonContext.Default.String) })],
            },
        },
        CardReply card => new Activity { Attachments = [Attach(card, incoming)] },
        _ => throw new InvalidOperationException($"No activity for {reply.GetType().Name}."),
    };

    private static Attachment Attach(CardReply card, Activity incoming) =>
        CareCards.ToAttachment(CareCards.ForChannel(card.Card, incoming, card.RefreshData));

    /// <summary>
    /// The answer to an <c>adaptiveCard/action</c> invoke, in the same HTTP response: the card that replaces the
    /// clicked one, a short message (already answered, or see the reply below), or an error for an unknown verb.
    /// </summary>
    private InvokeResponse InvokeResponseFor(CareTurn turn, CardOutcome outcome) => outcome switch
    {
        CardError error => InvokeResponses.Error(400, "BadRequest", error.Message),
        CardReplaced replaced => InvokeResponses.Card(CareCards.ToJson(CareCards.ForChannel(replaced.Card.Card, turn.Activity, replaced.Card.RefreshData))),
        CardNotice notice => InvokeResponses.Message(notice.Text),
        CardStale => InvokeResponses.Message(texts.T(turn, "card.already_answered")),
        _ => InvokeResponses.Message(texts.T(turn, "card.received")),
    };
}
