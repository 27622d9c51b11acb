using System.Text.Json;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>
/// Test-only bot: "show card" gets a small Adaptive Card and suggested actions, the card's button and the
/// suggested actions get an acknowledgement, "update card" replaces the card; anything else goes to the real bot.
/// </summary>
public sealed class CardTestBot(IBot realBot) : IBot
{
    // The receipt, not its id: the channel's id is filled in when the turn's replies are delivered.
    private ResourceResponse? _lastCard;

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (!activity.IsType(ActivityTypes.Message))
        {
            await realBot.OnTurnAsync(turn, cancellationToken);
            return;
        }

        if (activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("position", out var position))
        {
            await turn.SendTextAsync($"Card answer: {position.GetString()}", cancellationToken);
            return;
        }

        switch (activity.Text?.Trim().ToLowerInvariant())
        {
            case "show card":
                await turn.SendTypingAsync(cancellationToken);
                _lastCard = await turn.SendActivityAsync(CardMessage("How do you usually fall asleep?"), cancellationToken);
                break;
            case "update card":
                var update = CardMessage("Thanks, noted.");
                update.Id = _lastCard?.Id;
                await turn.UpdateActivityAsync(update, cancellationToken);
                break;
            case "on my back" or "on my front":
                await turn.SendTextAsync($"Suggested answer: {activity.Text}", cancellationToken);
                break;
            default:
                await realBot.OnTurnAsync(turn, cancellationToken);
                break;
        }
    }

    private static Activity CardMessage(string question) => new()
    {
        Type = ActivityTypes.Message,
        Attachments =
        [
            new Attachment
            {
                ContentType = "application/vnd.microsoft.card.adaptive",
                Content = Json($$$"""
                    {"type":"AdaptiveCard","version":"1.5",
                     "body":[{"type":"TextBlock","text":"{{{question}}}","wrap":true}],
                     "actions":[{"type":"Action.Submit","title":"On my side","data":{"position":"side"}}]}
                    """),
            },
        ],
        SuggestedActions = new SuggestedActions
        {
            Actions =
            [
                new CardAction { Type = "imBack", Title = "On my back", Value = Json("\"on my back\"") },
                new CardAction { Type = "imBack", Title = "On my front", Value = Json("\"on my front\"") },
            ],
        },
    };

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
