using System.Globalization;
using System.Text.Json.Nodes;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Privacy;
using BackCareBot.Care.Programme;

namespace BackCareBot.Care.Charts;

/// <summary>
/// "my progress": the diary as text (the table, for every client), then a card with the chart, linked by a private
/// link (<see cref="PrivateLinks"/>) that the bot renders when the client fetches it, with alt text that says the
/// trend. Without a check-in in the chart's days there is no card.
/// </summary>
internal sealed class ProgressCard(CareTexts texts, CareContent content, PrivateLinks links, TimeProvider time)
{
    public async Task SayAsync(CareTurn care, string text, CancellationToken cancellationToken)
    {
        care.Say(text);
        if (care.State.CheckIn is not { } plan)
        {
            return;
        }

        var today = CheckInSchedule.LocalDate(plan, time.GetUtcNow());
        var shown = ProgressChart.Shown(PainDiary.Days(plan), plan.StartedOn, today);
        if (shown.Count == 0)
        {
            return;
        }

        var url = await links.CreateAsync(CareBot.StateKey(care.Activity), care.State, LinkKind.Chart, care.Locale, cancellationToken).ConfigureAwait(false);
        var days = ProgressChart.DaysShown(plan.StartedOn, today).ToString(CultureInfo.InvariantCulture);
        var trend = texts.T(care, "programme.progress_trend", "first", shown[0].Pain.ToString(CultureInfo.InvariantCulture))
            .Replace("{last}", shown[^1].Pain.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{count}", shown.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var card = content.Cards["progress"].Expand(new JsonObject
        {
            ["title"] = texts.T(care, "chart.title", "days", days),
            ["image"] = new JsonObject { ["url"] = url, ["alt"] = texts.T(care, "chart.alt", "days", days).Replace("{trend}", trend, StringComparison.Ordinal) },
            ["expires"] = texts.T(care, "chart.expires", "minutes", ((int)links.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture)),
        });
        care.Replies.Add(new CardReply(card));
    }
}
