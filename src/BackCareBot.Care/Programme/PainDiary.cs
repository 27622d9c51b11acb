using System.Globalization;

namespace BackCareBot.Care.Programme;

/// <summary>One day's check-in answers.</summary>
public sealed record DiaryDay(DateOnly Date, int Pain, string Compared);

/// <summary>
/// The pain diary, kept in the <see cref="CheckInPlan"/>: one character per programme day for the pain score
/// (0-9, X for 10, '.' for no check-in) and one for "compared with yesterday" (b, s, w, '.'). The programme lasts
/// <see cref="CheckInSchedule.ProgrammeDays"/> days, so a user's diary is at most 2 x 84 characters.
/// </summary>
public static class PainDiary
{
    private const char None = '.';

    public static void Record(CheckInPlan plan, DateOnly date, int pain, string compared)
    {
        var day = date.DayNumber - plan.StartedOn.DayNumber;
        if (day is < 0 or >= CheckInSchedule.ProgrammeDays || pain is < 0 or > 10)
        {
            return;
        }

        plan.Pain = Set(plan.Pain, day, pain == 10 ? 'X' : (char)('0' + pain));
        plan.Compared = Set(plan.Compared, day, compared is { Length: > 0 } ? compared[0] : None);
    }

    public static IReadOnlyList<DiaryDay> Days(CheckInPlan plan)
    {
        List<DiaryDay> days = [];
        for (var day = 0; day < plan.Pain.Length; day++)
        {
            if (plan.Pain[day] is var c and not None)
            {
                var compared = day < plan.Compared.Length ? plan.Compared[day] switch { 'b' => "better", 'w' => "worse", 's' => "same", _ => "" } : "";
                days.Add(new DiaryDay(plan.StartedOn.AddDays(day), c == 'X' ? 10 : c - '0', compared));
            }
        }

        return days;
    }

    /// <summary>The last <paramref name="count"/> check-ins, one line each: "2026-11-25: 4/10, better".</summary>
    public static IEnumerable<string> Lines(IEnumerable<DiaryDay> days, Func<string, string> comparedLabel) =>
        days.Select(d => $"{d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {d.Pain}/10{(d.Compared.Length > 0 ? ", " + comparedLabel(d.Compared) : "")}");

    private static string Set(string days, int day, char value)
    {
        var chars = days.PadRight(day + 1, None).ToCharArray();
        chars[day] = value;
        return new string(chars);
    }
}
