using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Cards;

/// <summary>
/// Builds the Adaptive Cards (version 1.5, what Teams renders) the conversation sends: questions with many options,
/// the pain score input, exercise cards and the compact summary that replaces an answered card.
/// Button data carries the step id so an old card can be told apart from the current question. The Teams-only
/// <c>msteams.width</c> is left out: the official 1.5 schema rejects properties it does not define.
/// </summary>
public sealed class CareCards(CareContent content, Localizer localizer, string imageBaseUrl)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>A question with one button per choice, in sets of at most five (what Teams renders per set).</summary>
    public JsonObject Choice(string locale, FlowStep step, string prompt, IReadOnlyList<FlowChoice> choices)
    {
        var body = new JsonArray { TextBlock(prompt, wrap: true, weight: "Bolder") };
        foreach (var chunk in choices.Chunk(5))
        {
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray([.. chunk.Select(c => (JsonNode)Submit(localizer.Text(locale, c.Label), new JsonObject { ["step"] = step.Id, ["value"] = c.Value }))]),
            });
        }

        return Card(body, []);
    }

    public JsonObject Number(string locale, FlowStep step, string prompt) =>
        Card(
            [
                TextBlock(prompt, wrap: true, weight: "Bolder"),
                new JsonObject
                {
                    ["type"] = "Input.Number",
                    ["id"] = "value",
                    ["label"] = localizer.Text(locale, "card.score_label"),
                    ["min"] = step.Min ?? 0,
                    ["max"] = step.Max ?? 10,
                    ["placeholder"] = $"{step.Min ?? 0}-{step.Max ?? 10}",
                    ["isRequired"] = true,
                    ["errorMessage"] = localizer.Text(locale, "card.pain_error"),
                },
            ],
            [Submit(localizer.Text(locale, "card.submit"), new JsonObject { ["step"] = step.Id })]);

    public JsonObject Answered(string locale, string answer) =>
        Card([TextBlock(localizer.Text(locale, "card.answered", "answer", answer), wrap: true, isSubtle: true)], []);

    public JsonObject Exercise(string locale, PlannedExercise planned)
    {
        var exercise = planned.Exercise;
        string T(string key) => localizer.Text(locale, key);
        var body = new JsonArray
        {
            TextBlock(T(exercise.Title), wrap: true, weight: "Bolder", size: "Medium"),
            new JsonObject { ["type"] = "Image", ["url"] = $"{imageBaseUrl.TrimEnd('/')}/images/{exercise.Image}", ["altText"] = T(exercise.ImageAlt), ["size"] = "Large" },
            TextBlock(T("card.start"), weight: "Bolder"),
            TextBlock(T(exercise.Start), wrap: true),
            TextBlock(T("card.steps"), weight: "Bolder"),
        };
        for (var i = 0; i < exercise.Steps.Count; i++)
        {
            body.Add(TextBlock($"{i + 1}. {T(exercise.Steps[i])}", wrap: true));
        }

        body.Add(new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray { Fact(T("card.dose"), DoseText(locale, planned.Dose)) },
        });
        body.Add(TextBlock($"{T("card.stop")}: {T(exercise.Stop)}", wrap: true, color: "Attention"));
        var sources = exercise.Sources.Select(id => content.Sources[id]).ToList();
        body.Add(TextBlock($"{T("card.sources")}: " + string.Join("; ", sources.Select(s => $"[{s.Title}]({s.Url})")), wrap: true, isSubtle: true));

        // Teams renders at most 5 actions per set: feedback buttons in the body, versions and the main source below.
        body.Add(new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray
            {
                Submit(T("card.done"), new JsonObject { ["verb"] = "exercise.done", ["exercise"] = exercise.Id }),
                Submit(T("card.too_hard"), new JsonObject { ["verb"] = "exercise.tooHard", ["exercise"] = exercise.Id }),
                Submit(T("card.hurts"), new JsonObject { ["verb"] = "exercise.hurts", ["exercise"] = exercise.Id }),
            },
        });
        var actions = new JsonArray
        {
            ShowCard(T("card.easier"), T(exercise.Easier)),
            ShowCard(T("card.harder"), T(exercise.Harder)),
            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = $"{T("card.sources")}: {Shorten(sources[0].Title)}", ["url"] = sources[0].Url },
        };
        return Card(body, actions);
    }

    public string DoseText(string locale, ExerciseDose dose)
    {
        var parts = new List<string> { localizer.Text(locale, "dose.reps", "reps", dose.Reps.ToString(CultureInfo.InvariantCulture)) };
        if (dose.HoldSeconds > 0)
        {
            parts.Add(localizer.Text(locale, "dose.hold", "hold", dose.HoldSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        if (dose.Sets > 1)
        {
            parts.Add(localizer.Text(locale, "dose.sets", "sets", dose.Sets.ToString(CultureInfo.InvariantCulture)));
        }

        if (dose.RestSeconds > 0)
        {
            parts.Add(localizer.Text(locale, "dose.rest", "rest", dose.RestSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        parts.Add(localizer.Text(locale, dose.Frequency));
        return string.Join(locale == Localizer.Chinese ? "，" : ", ", parts);
    }

    public static Attachment ToAttachment(JsonObject card) => new()
    {
        ContentType = ContentType,
        Content = JsonSerializer.SerializeToElement(card, CardJsonContext.Default.JsonObject),
    };

    private static JsonObject Card(JsonArray body, JsonArray actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return card;
    }

    private static JsonObject Submit(string title, JsonObject data) => new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };

    private static JsonObject ShowCard(string title, string text) => new()
    {
        ["type"] = "Action.ShowCard",
        ["title"] = title,
        ["card"] = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray { TextBlock(text, wrap: true) } },
    };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject TextBlock(string text, bool wrap = false, string? weight = null, string? size = null, bool isSubtle = false, string? color = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text };
        if (wrap)
        {
            block["wrap"] = true;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        return block;
    }

    private static string Shorten(string title) => title.Length <= 40 ? title : title[..37] + "...";
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class CardJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
