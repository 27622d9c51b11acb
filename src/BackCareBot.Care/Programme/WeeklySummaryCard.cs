using System.Globalization;
using System.Text.Json.Nodes;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Care.Programme;

/// <summary>
/// One week of the programme in figures: its dates, how many days it had, the days checked in, the first and last
/// pain score (null without a check-in), the days the exercises were done, and the plan's step this week
/// (<see cref="Progression.Up"/>, <see cref="Progression.Down"/>, "top" at the highest step, or "same").
/// </summary>
public sealed record WeekFigures(DateOnly From, DateOnly To, int Days, int CheckedIn, int? FirstPain, int? LastPain, int Exercised, string Next);

/// <summary>
/// The weekly summary card (cards/weekly.json) in the user's language: what was done, the pain's first and last
/// score of the week ("about the same" when within <c>sameWithin</c> points, programme.json), and what changes next
/// week. It counts what was done, never what was missed.
/// </summary>
public sealed class WeeklySummaryCard(CareContent content, Localizer localizer)
{
    public AdaptiveCard Build(string locale, WeekFigures week)
    {
        string T(string key) => localizer.Text(locale, key);
        var progression = content.Programme.Progression;
        var better = false;
        string pain;
        if (week is { FirstPain: { } first, LastPain: { } last })
        {
            var change = last - first;
            var same = Math.Abs(change) <= content.Programme.WeeklySummary.SameWithin;
            better = !same && change < 0;
            pain = T(same ? "weekly.pain_same" : better ? "weekly.pain_down" : "weekly.pain_up")
                .Replace("{first}", Number(first), StringComparison.Ordinal).Replace("{last}", Number(last), StringComparison.Ordinal);
        }
        else
        {
            pain = T("weekly.pain_none");
        }

        string DaysOf(int count) => T("weekly.days_of").Replace("{count}", Number(count), StringComparison.Ordinal).Replace("{days}", Number(week.Days), StringComparison.Ordinal);
        return content.Cards[ContentValidator.WeeklyCard].Expand(new JsonObject
        {
            ["title"] = T("weekly.title"),
            ["period"] = $"{Date(week.From)} – {Date(week.To)}",
            ["facts"] = new JsonArray(
                Fact(T("weekly.checkins"), DaysOf(week.CheckedIn)),
                Fact(T("weekly.pain"), pain),
                Fact(T("weekly.exercised"), DaysOf(week.Exercised))),
            ["labels"] = new JsonObject { ["next"] = T("weekly.next") },
            ["next"] = T($"weekly.next_{week.Next}").Replace("{good}", Number(progression.GoodDays), StringComparison.Ordinal)
                .Replace("{days}", Number(progression.OfLastDays), StringComparison.Ordinal),
            ["close"] = T(week.CheckedIn == 0 ? "weekly.close_quiet" : better ? "weekly.close_better" : "weekly.close"),
        });
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
