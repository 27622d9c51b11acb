using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Tests;

/// <summary>Presses a button of a card the bot sent, as the channel would: the button's data with the card's inputs.</summary>
public static class CheckInCard
{
    /// <summary>The Action.Submit value (Web Chat, the Emulator): the button's data (with its verb) and the inputs.</summary>
    public static JsonObject Press(JsonObject card, string title, JsonObject? inputs = null)
    {
        var action = Find(card, title) ?? throw new InvalidOperationException($"No button '{title}' on the card.");
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        if (action["verb"] is { } verb)
        {
            data["verb"] = verb.GetValue<string>();
        }

        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }

    /// <summary>The adaptiveCard/action invoke Teams sends for an Action.Execute button, with the inputs merged into its data.</summary>
    public static Activity Execute(JsonObject card, string title, JsonObject? inputs = null)
    {
        var action = Find(card, title) ?? throw new InvalidOperationException($"No button '{title}' on the card.");
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Value = JsonSerializer.SerializeToElement(
                new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = action["verb"]!.GetValue<string>(), ["data"] = data }, ["trigger"] = "manual" },
                TestJson.Default.JsonObject),
        };
    }

    /// <summary>Every input of the card by id (Input.ChoiceSet, Input.Time, ...), with its element.</summary>
    public static Dictionary<string, JsonObject> InputsOf(JsonObject card) =>
        All(card).Where(o => o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) && o["id"] is not null)
            .ToDictionary(o => o["id"]!.GetValue<string>(), o => o);

    public static JsonObject? Find(JsonObject card, string title) =>
        All(card).FirstOrDefault(o => o["type"]?.GetValue<string>() is { } type && type.StartsWith("Action.", StringComparison.Ordinal) && type != "Action.ShowCard" && o["title"]?.GetValue<string>() == title);

    private static IEnumerable<JsonObject> All(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => All(p.Value))),
        JsonArray a => a.SelectMany(All),
        _ => [],
    };
}
