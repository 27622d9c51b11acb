using System.Text.Json;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Dialogs.Flows;

/// <summary>
/// What the user gave this turn, whatever the channel: typed text, or a card answer (an Action.Submit message with
/// <c>value</c> and no text, or an <c>adaptiveCard/action</c> invoke) carrying the step it answers, the run of the
/// conversation the card was sent in (so a card from before "start over" is told apart) and the button's verb.
/// </summary>
public sealed record UserInput(string? Text, string? CardStepId, string? CardValue, bool HasAttachment, string? CardVerb = null, string? CardRun = null)
{
    /// <summary>The data of the card button that sent this activity (an object), if any.</summary>
    public JsonElement? Data { get; init; }

    public bool IsCardAnswer => CardStepId is not null || CardValue is not null;

    public static UserInput From(Activity activity)
    {
        var (data, executeVerb) = CardData(activity);
        var text = activity.Text;
        if (text is not null && activity.Entities is { } entities)
        {
            text = RemoveBotMention(text, entities, activity.Recipient?.Id);
        }

        var attachment = activity.Attachments?.Exists(a => a.ContentType is not null && !a.ContentType.StartsWith("text/html", StringComparison.Ordinal)) == true;
        if (data is not { ValueKind: JsonValueKind.Object } value)
        {
            return new UserInput(text, null, null, attachment, executeVerb);
        }

        return new UserInput(text, ReadString(value, "step"), ReadString(value, "value"), attachment, executeVerb ?? ReadString(value, "verb"), ReadString(value, "run"))
        {
            Data = value,
        };
    }

    /// <summary>The data of the card button that sent this activity, and the verb of an Action.Execute.</summary>
    private static (JsonElement? Data, string? Verb) CardData(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, null);
        }

        // Universal Actions put the button's verb and data under value.action; Action.Submit sends the data as value.
        if (activity.IsType(ActivityTypes.Invoke) && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object)
        {
            return (action.TryGetProperty("data", out var data) ? data : null, ReadString(action, "verb"));
        }

        return (value, null);
    }

    public static string? ReadString(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) ? property.ValueKind switch
        {
            JsonValueKind.String => property.GetString(),
            JsonValueKind.Number => property.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;

    private static string RemoveBotMention(string text, List<Entity> entities, string? botId)
    {
        foreach (var entity in entities)
        {
            if (entity.Type == "mention" && entity.GetString("text") is { } mentionText
                && entity.Extra is { } extra && extra.TryGetValue("mentioned", out var mentioned)
                && mentioned.ValueKind == JsonValueKind.Object && mentioned.TryGetProperty("id", out var id) && id.GetString() == botId)
            {
                text = text.Replace(mentionText, string.Empty, StringComparison.Ordinal);
            }
        }

        return text.Trim();
    }
}
