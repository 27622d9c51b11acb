namespace BackCareBot.Care.Understanding;

/// <summary>
/// The measured concepts of the model: a stated age ("I'm 62", "just turned 50", "my mum's 84", 今年57, 刚满五十) and a
/// stated time span ("6 weeks", 两个月; "62 years old" is an age, not a span). A number of 40 to 110 that opens the
/// message before a comma or "and" ("59, and this is the first time", "57 and this is new") is an age too.
/// </summary>
public static class Measures
{
    // Words a stated age follows, a relative's included: people type for a parent ("my mum's 84", "she's 84").
    private static readonly HashSet<string> AgeBefore = new(
        ["im", "i", "am", "aged", "age", "turned", "turning", "shes", "hes", "mums", "moms", "mams", "dads", "mothers", "fathers",
         "nans", "nanas", "grans", "grannys", "grandmas", "grandads", "granddads", "grandpas", "wifes", "husbands", "at", "我", "满"],
        StringComparer.Ordinal);

    // What makes a number after such a word something other than an age: "at 90 degrees", "at 6 am", "at 60 mph".
    private static readonly HashSet<string> NotAge = new(["degree", "degrees", "am", "pm", "kg", "kgs", "mph", "km", "mile", "miles", "percent", "oclock", "lb", "lbs", "pound", "pounds"], StringComparer.Ordinal);
    private static readonly HashSet<string> AgeAfter = new(["year", "years", "yo", "yrs", "岁", "了"], StringComparer.Ordinal);

    /// <summary>The highest age stated in the text, or null.</summary>
    public static int? Age(List<TextUnit> units)
    {
        int? age = null;
        for (var i = 0; i < units.Count; i++)
        {
            if (!Quantities.TryRead(units, i, out var value, out var length))
            {
                continue;
            }

            var before = (i > 0 && AgeBefore.Contains(units[i - 1].Raw) && !(units[i - 1].Raw == "满" && SpanUnitFollows(units, i + length)))
                || (i > 1 && units[i - 2].Raw == "今" && units[i - 1].Raw == "年");
            before &= !(i + length < units.Count && NotAge.Contains(units[i + length].Raw));
            var after = i + length < units.Count && (AgeAfter.Contains(units[i + length].Raw) || Birthday(units, i + length));

            // "59, and this is the first time": a number of an adult's years that opens the message on its own, before a
            // comma, is the age people give first (a pain score is at most 10, a stiffness in minutes comes with its unit).
            // So is one before "and": "57 and this is new" (a sum or a score in the same words would be under 40).
            before |= i == 0 && i + length < units.Count && (units[i + length - 1].After == Break.Pause || units[i + length].Raw == "and")
                && value is >= 40 and <= 110;
            if ((before || after) && value is >= 1 and <= 120 && units[i].Raw is not ("a" or "an"))
            {
                age = Math.Max(age ?? 0, value);
            }

            i += length - 1;
        }

        return age;
    }

    /// <summary>The longest time span stated in the text, in days, or null: "a fortnight" 14, "over a month" 30, 两个月 60.</summary>
    public static int? Days(List<TextUnit> units)
    {
        int? days = null;
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].Raw == "fortnight")
            {
                days = Math.Max(days ?? 0, 14);
                continue;
            }

            if (!Quantities.TryRead(units, i, out var value, out var length))
            {
                continue;
            }

            var j = i + length;
            while (j < units.Count && units[j].Raw is "个" or "多" or "来" or "of" or "more" or "extra")
            {
                j++;
            }

            var old = j + 1 < units.Count && units[j + 1].Raw == "old";
            if (j < units.Count && !old && UnitDays(units, j) is { } unit)
            {
                days = Math.Max(days ?? 0, value * unit);
            }

            i += length - 1;
        }

        return days;
    }

    /// <summary>"55th birthday": an ordinal ending, then "birthday".</summary>
    private static bool Birthday(List<TextUnit> units, int j) =>
        j + 1 < units.Count && units[j].Raw is "th" or "st" or "nd" or "rd" && units[j + 1].Raw is "birthday" or "bday";

    /// <summary>Whether a time unit follows a number ending at <paramref name="j"/>: 满5天 is a span, 满五十 an age.</summary>
    private static bool SpanUnitFollows(List<TextUnit> units, int j)
    {
        while (j < units.Count && units[j].Raw is "个" or "多")
        {
            j++;
        }

        return j < units.Count && UnitDays(units, j) is not null;
    }

    private static int? UnitDays(List<TextUnit> units, int j) => units[j].Key switch
    {
        "day" or "天" => 1,
        "week" or "周" or "礼" => 7,
        "星" when j + 1 < units.Count && units[j + 1].Raw == "期" => 7,
        "fortnight" => 14,
        "month" or "月" => 30,
        "year" or "年" => 365,
        _ => null,
    };
}
