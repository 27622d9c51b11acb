using System.Globalization;
using System.Text.Json.Nodes;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Care.Cards;

/// <summary>
/// The two cards of the daily check-in (templates dialogs/cards/checkin.json and checkin-time.json): the check-in
/// itself — stiffness, sleeping position and exercises as drop-downs (stiffness and position filled in from the last
/// answers), then one tap on this morning's pain score sends it all — with not today / pause / change time / stop
/// below; and the time card: 07:00, 07:30, 08:00 or a time picker, with the time zone asked once when the channel gave none.
/// </summary>
public sealed class CheckInCards(CareCards cards, Localizer localizer)
{
    public const string Card = "checkin";

    /// <summary>The card's drop-downs: the input id, the step it answers, and the step whose choices it offers.</summary>
    public static readonly (string Input, string Step)[] Inputs = [("stiffness", "checkin_stiffness"), ("slept", "checkin_slept"), ("exercised", "checkin_exercised")];

    private const int ScoresPerRow = 4;
    private static readonly string[] QuickTimes = ["07:00", "07:30", "08:00"];
    private static readonly int[] PauseDays = [3, 7, 14, 30];

    /// <summary>Today's check-in card: <paramref name="defaults"/> are the drop-downs' values by input id (the last answers).</summary>
    public AdaptiveCard Daily(string locale, FlowStep pain, string prompt, string run, IReadOnlyList<FlowStep> steps, IReadOnlyDictionary<string, string> defaults)
    {
        string T(string key) => localizer.Text(locale, key);
        var questions = new JsonArray();
        foreach (var (input, stepId) in Inputs)
        {
            var step = steps.First(s => s.Id == stepId);
            var choices = new JsonArray();
            foreach (var choice in step.Choices!)
            {
                choices.Add((JsonNode)new JsonObject { ["title"] = T(choice.Label), ["value"] = choice.Value });
            }

            questions.Add((JsonNode)new JsonObject
            {
                ["id"] = input,
                ["label"] = T(step.Prompt!),
                ["placeholder"] = T("card.checkin_choose"),
                ["value"] = defaults.GetValueOrDefault(input),
                ["choices"] = choices,
            });
        }

        // Rows of four (0-3, 4-7, 8-10): a row of buttons does not wrap, and hosts allow at most five in a row.
        var min = pain.Min ?? 0;
        var max = pain.Max ?? 10;
        var scores = new JsonArray();
        for (var start = min; start <= max; start += ScoresPerRow)
        {
            var buttons = new JsonArray();
            for (var score = start; score <= Math.Min(start + ScoresPerRow - 1, max); score++)
            {
                var value = score.ToString(CultureInfo.InvariantCulture);
                buttons.Add((JsonNode)new JsonObject { ["title"] = value, ["value"] = value });
            }

            scores.Add((JsonNode)new JsonObject { ["buttons"] = buttons });
        }

        var days = new JsonArray();
        foreach (var count in PauseDays)
        {
            days.Add((JsonNode)new JsonObject { ["title"] = localizer.Text(locale, "card.checkin_days", "days", count.ToString(CultureInfo.InvariantCulture)), ["value"] = count.ToString(CultureInfo.InvariantCulture) });
        }

        return cards.Expand(Card, new JsonObject
        {
            ["prompt"] = prompt,
            ["step"] = pain.Id,
            ["run"] = run,
            ["questions"] = questions,
            ["painLabel"] = T("card.checkin_pain"),
            ["scores"] = scores,
            ["footer"] = new JsonObject
            {
                ["note"] = T("card.checkin_footer"),
                ["snooze"] = T("card.checkin_snooze"),
                ["pause"] = T("card.checkin_pause"),
                ["pauseLabel"] = T("card.checkin_pause_label"),
                ["pauseSubmit"] = T("card.checkin_pause_submit"),
                ["days"] = days,
                ["time"] = T("card.checkin_time"),
                ["stop"] = T("card.checkin_stop"),
            },
        });
    }

    /// <summary>
    /// The time card, in the plan's zone; with <paramref name="zones"/> (the channel gave no zone) it also asks for
    /// the zone: a short list for the user's locale, or a typed city, zone or UTC offset.
    /// </summary>
    public AdaptiveCard Time(string locale, CheckInPlan plan, string run, IReadOnlyList<string>? zones, DateTimeOffset now)
    {
        string T(string key) => localizer.Text(locale, key);
        var quick = new JsonArray();
        foreach (var time in QuickTimes)
        {
            quick.Add((JsonNode)new JsonObject { ["title"] = time, ["value"] = time });
        }

        JsonArray? zoneChoices = null;
        if (zones is { Count: > 0 })
        {
            zoneChoices = [];
            foreach (var zone in zones)
            {
                zoneChoices.Add((JsonNode)new JsonObject { ["title"] = CheckInZones.Label(zone, now), ["value"] = zone });
            }
        }

        return cards.Expand("checkin-time", new JsonObject
        {
            ["prompt"] = localizer.Text(locale, "card.checkin_time_prompt", "zone", plan.TimeZone),
            ["run"] = run,
            ["zones"] = zoneChoices,
            ["zoneNote"] = localizer.Text(locale, "card.checkin_zone_note", "zone", plan.TimeZone),
            ["zoneLabel"] = T("card.checkin_zone_label"),
            ["zonePlaceholder"] = T("card.checkin_choose"),
            ["zoneTextLabel"] = T("card.checkin_zone_text"),
            ["zoneTextPlaceholder"] = T("card.checkin_zone_example"),
            ["quick"] = quick,
            ["timeLabel"] = T("card.checkin_time_label"),
            ["time"] = Clock(plan.Minutes),
            ["submit"] = T("card.checkin_set"),
        });
    }

    /// <summary>Minutes after midnight as "HH:mm".</summary>
    public static string Clock(int minutes) => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minutes)).ToString("HH:mm", CultureInfo.InvariantCulture);
}
