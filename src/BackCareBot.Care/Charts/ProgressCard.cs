using System.Globalization;
using System.Text.Json.Nodes;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Privacy;
using BackCareBot.Care.Programme;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Care.Charts;

/// <summary>
/// "my progress": the diary as text (the table, for every client), then a card with the chart, linked by a private
/// link (<see cref="PrivateLinks"/>) that the bot renders when the client fetches it, with alt text that says the
/// trend. Without a check-in in the chart's days there is no card.
/// </summary>
internal sealed class ProgressCard(CareTexts texts, CareContent content, PrivateLinks links, TimeProvider time)
{
    private readonly Localizer _localizer = new(content);

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
        var trend = texts.T(care, "programme.progress_trend", "first", shown[0].Pain.ToString(CultureInfo.InvariantCulture))
            .Replace("{last}", shown[^1].Pain.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{count}", shown.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var card = Card(content, _localizer, care.Locale, url, ProgressChart.DaysShown(plan.StartedOn, today), trend, links.Lifetime);
        care.Replies.Add(new CardReply(card));
    }

    /// <summary>The chart's card: title, the image with alt text saying the trend, and how long the link works.</summary>
    public static AdaptiveCard Card(CareContent content, Localizer localizer, string locale, string url, int days, string trend, TimeSpan lifetime)
    {
        var shown = days.ToString(CultureInfo.InvariantCulture);
        return content.Cards["progress"].Expand(new JsonObject
        {
            ["title"] = localizer.Text(locale, "chart.title", "days", shown),
            ["image"] = new JsonObject { ["url"] = url, ["alt"] = localizer.Text(locale, "chart.alt", "days", shown).Replace("{trend}", trend, StringComparison.Ordinal) },
            ["expires"] = localizer.Text(locale, "chart.expires", "minutes", ((int)lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture)),
        });
    }
}
