using System.Globalization;

namespace BackCareBot.Care.Programme;

/// <summary>
/// One day's check-in answers. <paramref name="Compared"/> is "better", "same", "worse" or "";
/// <paramref name="Stiffness"/> a value of the stiffness question ("under30", "30to60", "over60") or "";
/// <paramref name="Slept"/> a sleeping position ("back", "side", "stomach", "varies") or "";
/// <paramref name="Exercised"/> "yes", "some", "no" or "" (not asked or not answered).
/// </summary>
public sealed record DiaryDay(DateOnly Date, int Pain, string Compared, string Stiffness = "", string Slept = "", string Exercised = "");

/// <summary>
/// The pain diary, kept in the <see cref="CheckInPlan"/>: one character per programme day and answer — the pain
/// score (0-9, X for 10, '.' for no check-in), "compared with yesterday", stiffness, sleeping position and whether
/// the exercises were done (each answer's code, '.' for none). The programme lasts
/// <see cref="CheckInSchedule.ProgrammeDays"/> days, so a user's diary is at most 5 x 84 characters.
/// </summary>
public static class PainDiary
{
    private const char None = '.';

    private static readonly Code ComparedCodes = new(("b", "better"), ("s", "same"), ("w", "worse"));
    private static readonly Code StiffnessCodes = new(("u", "under30"), ("h", "30to60"), ("o", "over60"));
    private static readonly Code SleptCodes = new(("b", "back"), ("s", "side"), ("f", "stomach"), ("v", "varies"));
    private static readonly Code ExercisedCodes = new(("y", "yes"), ("p", "some"), ("n", "no"));

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
        plan.Stiffness = stiffness is null ? plan.Stiffness : Set(plan.Stiffness, day, StiffnessCodes.Encode(stiffness));
        plan.Slept = slept is null ? plan.Slept : Set(plan.Slept, day, SleptCodes.Encode(slept));
        plan.Exercised = exercised is null ? plan.Exercised : Set(plan.Exercised, day, ExercisedCodes.Encode(exercised));
    }

    public static IReadOnlyList<DiaryDay> Days(CheckInPlan plan)
    {
        List<DiaryDay> days = [];
        for (var day = 0; day < plan.Pain.Length; day++)
        {
            if (plan.Pain[day] is var c and not None)
            {
                days.Add(new DiaryDay(
                    plan.StartedOn.AddDays(day),
                    c == 'X' ? 10 : c - '0',
                    ComparedCodes.Decode(plan.Compared, day),
                    StiffnessCodes.Decode(plan.Stiffness, day),
                    SleptCodes.Decode(plan.Slept, day),
                    ExercisedCodes.Decode(plan.Exercised, day)));
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
