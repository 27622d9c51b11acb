using System.Globalization;

namespace BackCareBot.Care.Programme;

/// <summary>
/// One day's check-in answers. <paramref name="Compared"/> is "better", "same", "worse" or "";
/// <paramref name="Stiffness"/> a value of the stiffness question ("under30", "30to60", "over60") or "";
/// <paramref name="Slept"/> a sleeping position ("back", "side", "stomach", "varies") or "";
/// <paramref name="Exercised"/> "yes", "some", "no" or "" (not asked or not answered): the check-in asks it of the day
/// before ("did you do your exercises yesterday?"), so it tells of the previous programme day (<see cref="PainDiary.ExercisesOf"/>).
/// </summary>
public sealed record DiaryDay(DateOnly Date, int Pain, string Compared, string Stiffness = "", string Slept = "", string Exercised = "");

/// <summary>
/// The pain diary, kept in the <see cref="CheckInPlan"/>: one character per programme day in each of three strings —
/// the pain score (0-9, X for 10, '.' for no check-in), "compared with yesterday" (its code, '.' for none), and the
/// morning's other answers (stiffness x sleeping position x exercises, each with "none": 4 x 5 x 4 = 80 combinations,
/// one character of <see cref="MorningChars"/> each, '.' for none of them). The programme lasts
/// <see cref="CheckInSchedule.ProgrammeDays"/> days, so a user's diary is at most 3 x 84 characters.
/// </summary>
public static class PainDiary
{
    private const char None = '.';

    /// <summary>The 80 characters of the morning column, in combination order: none are escaped in JSON.</summary>
    public const string MorningChars = ".0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_~!#$%()*,/:;=?@";

    private static readonly Code ComparedCodes = new(("b", "better"), ("s", "same"), ("w", "worse"));
    private static readonly string[] StiffnessValues = ["", "under30", "30to60", "over60"];
    private static readonly string[] SleptValues = ["", "back", "side", "stomach", "varies"];
    private static readonly string[] ExercisedValues = ["", "yes", "some", "no"];

    /// <summary>Records today's answers; an answer that is null leaves what is stored for that day.</summary>
    public static void Record(CheckInPlan plan, DateOnly date, int pain, string? compared, string? stiffness = null, string? slept = null, string? exercised = null)
    {
        var day = date.DayNumber - plan.StartedOn.DayNumber;
        if (day is < 0 or >= CheckInSchedule.ProgrammeDays || pain is < 0 or > 10)
        {
            return;
        }

        plan.Pain = Set(plan.Pain, day, pain == 10 ? 'X' : (char)('0' + pain));
        plan.Compared = compared is null ? plan.Compared : Set(plan.Compared, day, ComparedCodes.Encode(compared));
        if (stiffness is not null || slept is not null || exercised is not null)
        {
            var (s, p, e) = Morning(plan.Morning, day);
            var code = (Index(StiffnessValues, stiffness, s) * SleptValues.Length + Index(SleptValues, slept, p)) * ExercisedValues.Length + Index(ExercisedValues, exercised, e);
            plan.Morning = Set(plan.Morning, day, MorningChars[code]);
        }
    }

    public static IReadOnlyList<DiaryDay> Days(CheckInPlan plan)
    {
        List<DiaryDay> days = [];
        for (var day = 0; day < plan.Pain.Length; day++)
        {
            if (plan.Pain[day] is var c and not None)
            {
                var (s, p, e) = Morning(plan.Morning, day);
                days.Add(new DiaryDay(
                    plan.StartedOn.AddDays(day),
                    c == 'X' ? 10 : c - '0',
                    ComparedCodes.Decode(plan.Compared, day),
                    StiffnessValues[s],
                    SleptValues[p],
                    ExercisedValues[e]));
            }
        }

        return days;
    }

    /// <summary>The check-ins by programme day (0 the day the user opted in).</summary>
    public static Dictionary<int, DiaryDay> ByDay(CheckInPlan plan) => Days(plan).ToDictionary(d => d.Date.DayNumber - plan.StartedOn.DayNumber);

    /// <summary>
    /// Whether the exercises of programme day <paramref name="day"/> were done, as the next morning's check-in said
    /// ("yes", "some", "no"); "" when that check-in did not say or has not come yet.
    /// </summary>
    public static string ExercisesOf(IReadOnlyDictionary<int, DiaryDay> byDay, int day) => byDay.GetValueOrDefault(day + 1)?.Exercised ?? "";

    /// <summary>The last <paramref name="count"/> check-ins, one line each: "2026-11-25: 4/10, better".</summary>
    public static IEnumerable<string> Lines(IEnumerable<DiaryDay> days, Func<string, string> comparedLabel) =>
        days.Select(d => $"{d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {d.Pain}/10{(d.Compared.Length > 0 ? ", " + comparedLabel(d.Compared) : "")}");

    /// <summary>A day's stiffness, sleeping position and exercises as indexes into their values (0 for none).</summary>
    private static (int Stiffness, int Slept, int Exercised) Morning(string days, int day)
    {
        var code = day < days.Length ? Math.Max(0, MorningChars.IndexOf(days[day], StringComparison.Ordinal)) : 0;
        return (code / (SleptValues.Length * ExercisedValues.Length), code / ExercisedValues.Length % SleptValues.Length, code % ExercisedValues.Length);
    }

    /// <summary>The index of <paramref name="value"/>; <paramref name="kept"/> when it is null (not given), 0 when unknown.</summary>
    private static int Index(string[] values, string? value, int kept) => value is null ? kept : Math.Max(0, Array.IndexOf(values, value));

    private static string Set(string days, int day, char value)
    {
        var chars = days.PadRight(day + 1, None).ToCharArray();
        chars[day] = value;
        return new string(chars);
    }

    /// <summary>One answer's values and the character each is stored as.</summary>
    private sealed class Code(params (string Char, string Value)[] pairs)
    {
        public char Encode(string value)
        {
            foreach (var (c, v) in pairs)
            {
                if (v == value)
                {
                    return c[0];
                }
            }

            return None;
        }

        public string Decode(string days, int day)
        {
            if (day < days.Length)
            {
                foreach (var (c, v) in pairs)
                {
                    if (c[0] == days[day])
                    {
                        return v;
                    }
                }
            }

            return "";
        }
    }
}
