using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Cards;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Cards;

/// <summary>
/// The Adaptive Cards (version 1.5, what Teams renders) the conversation sends, from the templates in dialogs/cards/:
/// questions with many options, the pain score input, exercise cards and the compact summary that replaces an
/// answered card. Buttons are Universal Actions (<c>Action.Execute</c> with a verb); <see cref="ForChannel"/> adds
/// the <c>Action.Submit</c> fallback on Teams and turns them into <c>Action.Submit</c> elsewhere. Button data
/// carries the step id and the conversation run, so an old card can be told apart from the current question.
/// The image base is read per card: unless configured, it is the address the server bound, known only after start.
/// </summary>
public sealed class CareCards(CareContent content, Localizer localizer, Func<string> imageBaseUrl)
{
    public const string AnswerVerb = "answer";
    public const string RefreshVerb = "refresh";
    public const string TeamsChannel = "msteams";

    /// <summary>The templates the bot sends; the content validator requires each of them.</summary>
    public static readonly string[] Templates = ["question", "number", "form", "answered", "exercise", "progress", "checkin", "checkin-time"];

    private readonly Dictionary<string, FlowStep> _steps = content.Flows.Values.SelectMany(f => f.Steps)
        .GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The questions a form asks, in order.</summary>
    public IReadOnlyList<FlowStep> Fields(FlowStep form) => [.. (form.Fields ?? []).Select(id => _steps[id])];

    /// <summary>
    /// A question with one button per choice, each in an action set of its own so that long lists stack instead of
    /// running off the card's edge (hosts lay a set's buttons out in one row that does not wrap).
    /// </summary>
    public AdaptiveCard Choice(string locale, FlowStep step, string prompt, IReadOnlyList<FlowChoice> choices, string run)
    {
        var buttons = new JsonArray();
        foreach (var choice in choices)
        {
            buttons.Add((JsonNode)new JsonObject { ["title"] = localizer.Text(locale, choice.Label), ["value"] = choice.Value });
        }

        return Expand("question", new JsonObject { ["prompt"] = prompt, ["step"] = step.Id, ["run"] = run, ["buttons"] = buttons });
    }

    /// <summary>
    /// Several questions on one card with one Send (the step's <c>fields</c>, each input named by its question's id).
    /// A form's questions must all be answered before it is sent (radio buttons); a checklist of warning signs shows
    /// each sign as No / Yes / Not sure (No until changed) and adds "None of these", one press for the usual answer.
    /// </summary>
    public AdaptiveCard Form(string locale, FlowStep form, string prompt, string run)
    {
        var checklist = FlowForm.IsChecklist(form);
        string T(string key) => localizer.Text(locale, key);
        var fields = new JsonArray();
        foreach (var field in Fields(form))
        {
            var choices = new JsonArray();
            foreach (var (value, label) in FieldChoices(field, checklist))
            {
                choices.Add((JsonNode)new JsonObject { ["title"] = T(label), ["value"] = value });
            }

            fields.Add((JsonNode)new JsonObject
            {
                ["id"] = field.Id,
                ["label"] = T(field.Prompt!),
                ["style"] = checklist ? "compact" : "expanded",
                ["value"] = checklist ? "no" : null,
                ["required"] = checklist ? null : true,
                ["choices"] = choices,
            });
        }

        return Expand("form", new JsonObject
        {
            ["prompt"] = prompt,
            ["hint"] = checklist ? T("card.checklist_hint") : null,
            ["step"] = form.Id,
            ["run"] = run,
            ["fields"] = fields,
            ["error"] = T("card.form_error"),
            ["submit"] = T("card.submit"),
            ["none"] = form.None is { } none ? T(none) : null,
        });
    }

    private static IEnumerable<(string Value, string Label)> FieldChoices(FlowStep field, bool checklist) =>
        field.Kind != StepKinds.YesNo ? field.Choices!.Select(c => (c.Value, c.Label))
            : checklist ? [("no", "button.no"), ("yes", "button.yes"), (FlowForm.Unsure, "button.unsure")]
            : field.AllowUnsure ? [("yes", "button.yes"), ("no", "button.no"), (FlowForm.Unsure, "button.unsure")]
            : [("yes", "button.yes"), ("no", "button.no")];

    /// <summary>A number input (the pain score) that the client checks before sending.</summary>
    public AdaptiveCard Number(string locale, FlowStep step, string prompt, string run)
    {
        var min = step.Min ?? 0;
        var max = step.Max ?? 10;
        return Expand("number", new JsonObject
        {
            ["prompt"] = prompt,
            ["step"] = step.Id,
            ["run"] = run,
            ["label"] = localizer.Text(locale, "card.score_label"),
            ["min"] = min,
            ["max"] = max,
            ["placeholder"] = $"{min}-{max}",
            ["error"] = localizer.Text(locale, "card.pain_error"),
            ["submit"] = localizer.Text(locale, "card.submit"),
        });
    }

    /// <summary>The compact summary that replaces an answered card, so its buttons cannot be pressed again.</summary>
    public AdaptiveCard Answered(string locale, string? question, string answer) =>
        Summary(question, localizer.Text(locale, "card.answered", "answer", answer));

    /// <summary>A card that is no longer the open question (shown when Teams refreshes an old card).</summary>
    public AdaptiveCard Closed(string locale, string? question) => Summary(question, localizer.Text(locale, "card.closed"));

    /// <summary>The compact card with a subtle heading and one line of text in bold.</summary>
    public AdaptiveCard Summary(string? heading, string text) =>
        Expand("answered", new JsonObject { ["question"] = heading, ["answer"] = text });

    /// <summary>
    /// An exercise at its planned dose, with easier and harder versions, when to stop, its sources and the three
    /// feedback buttons; with <paramref name="noted"/> the buttons give way to the feedback the user gave.
    /// </summary>
    public AdaptiveCard Exercise(string locale, PlannedExercise planned, int plan, string? noted = null)
    {
        var exercise = planned.Exercise;
        string T(string key) => localizer.Text(locale, key);
        var steps = new JsonArray();
        for (var i = 0; i < exercise.Steps.Count; i++)
        {
            // The number in a column of its own: "1. text" would be a Markdown list, which renderers number afresh per block.
            steps.Add((JsonNode)new JsonObject { ["number"] = (i + 1).ToString(CultureInfo.InvariantCulture), ["text"] = T(exercise.Steps[i]) });
        }

        var sources = exercise.Sources.Select(id => content.Sources[id]).ToList();
        return Expand("exercise", new JsonObject
        {
            ["title"] = T(exercise.Title),
            ["image"] = new JsonObject { ["url"] = $"{imageBaseUrl().TrimEnd('/')}/images/{exercise.Image}", ["alt"] = T(exercise.ImageAlt) },
            ["dose"] = DoseText(locale, planned.Dose),
            ["start"] = T(exercise.Start),
            ["steps"] = steps,
            ["easier"] = T(exercise.Easier),
            ["harder"] = T(exercise.Harder),
            ["stop"] = $"{T("card.stop")}: {T(exercise.Stop)}",
            ["sources"] = $"{T("card.sources")}: " + string.Join("; ", sources.Select(s => $"[{s.Title}]({s.Url})")),
            ["source"] = new JsonObject { ["title"] = $"{T("card.sources")}: {Shorten(sources[0].Title)}", ["url"] = sources[0].Url },
            ["noted"] = noted,
            ["feedback"] = new JsonObject { ["exercise"] = exercise.Id, ["dose"] = planned.Gentle ? "gentle" : "standard", ["plan"] = plan },
            ["labels"] = new JsonObject
            {
                ["dose"] = T("card.dose"),
                ["start"] = T("card.start"),
                ["steps"] = T("card.steps"),
                ["easier"] = T("card.easier"),
                ["harder"] = T("card.harder"),
                ["done"] = T("card.done"),
                ["tooHard"] = T("card.too_hard"),
                ["hurts"] = T("card.hurts"),
            },
        });
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

    /// <summary>
    /// Fits a card to the channel. Teams gets Universal Actions with an <c>Action.Submit</c> fallback for older
    /// clients, full width, and (for questions) a refresh so that an old copy of the card shows that it is closed.
    /// Other channels (Web Chat, the Emulator) get <c>Action.Submit</c> with the verb in the data.
    /// </summary>
    public static AdaptiveCard ForChannel(AdaptiveCard card, Activity activity, JsonObject? refreshData = null)
    {
        if (activity.ChannelId == TeamsChannel)
        {
            MapActions(card, action => action is ExecuteAction execute ? WithFallback(execute) : action);
            card.MsTeams = new TeamsCardProperties { Width = "Full" };
            if (refreshData is not null && activity.From?.Id is { } userId)
            {
                card.Refresh = new CardRefresh { Action = new ExecuteAction { Verb = RefreshVerb, Data = refreshData }, UserIds = [userId] };
            }

            return card;
        }

        MapActions(card, action => action is ExecuteAction execute ? AsSubmit(execute) : action);
        return card;
    }

    public static Attachment ToAttachment(AdaptiveCard card) =>
        Attachment.FromJson(AdaptiveCard.ContentType, JsonSerializer.SerializeToUtf8Bytes(card, CardJsonContext.Default.AdaptiveCard));

    public static JsonElement ToJson(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, CardJsonContext.Default.AdaptiveCard);

    /// <summary>A template of dialogs/cards/ filled with <paramref name="data"/> (the check-in cards are built in <see cref="CheckInCards"/>).</summary>
    internal AdaptiveCard Expand(string template, JsonObject data) => content.Cards[template].Expand(data);

    private static ExecuteAction WithFallback(ExecuteAction execute)
    {
        execute.Fallback = AsSubmit(execute);
        return execute;
    }

    private static SubmitAction AsSubmit(ExecuteAction execute)
    {
        var data = execute.Data?.DeepClone().AsObject() ?? [];
        data["verb"] = execute.Verb;
        return new SubmitAction { Id = execute.Id, Title = execute.Title, Style = execute.Style, Data = data };
    }

    private static void MapActions(AdaptiveCard card, Func<AdaptiveAction, AdaptiveAction> map)
    {
        if (card.Actions is { } actions)
        {
            MapList(actions, map);
        }

        MapElements(card.Body, map);
    }

    /// <summary>The action sets of the body at any depth, walked in place (no iterator per element, as with <see cref="AdaptiveCard.AllElements"/>).</summary>
    private static void MapElements(List<CardElement> elements, Func<AdaptiveAction, AdaptiveAction> map)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case ActionSet set:
                    MapList(set.Actions, map);
                    break;
                case Container container:
                    MapElements(container.Items, map);
                    break;
                case ColumnSet columns:
                    foreach (var column in columns.Columns)
                    {
                        MapElements(column.Items, map);
                    }

                    break;
            }
        }
    }

    private static void MapList(List<AdaptiveAction> actions, Func<AdaptiveAction, AdaptiveAction> map)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            actions[i] = map(actions[i]);
            if (actions[i] is ShowCardAction { Card: { } card })
            {
                MapActions(card, map);
            }
        }
    }

    /// <summary>Button titles do not wrap (Teams' host config): this one fits a phone's card, 328 px, in both languages.</summary>
    private static string Shorten(string title) => title.Length <= 24 ? title : title[..21] + "...";
}
