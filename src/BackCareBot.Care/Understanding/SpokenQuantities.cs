namespace BackCareBot.Care.Understanding;

/// <summary>
/// Numbers with their units in an answer: "1-2 hours" 120 minutes, "an hour and a half" 90, 两三个小时 180, 十来周
/// 70 days, "forty-odd minutes" 40. A range counts as its higher end. Units inside words already understood (<paramref name="covered"/>) are skipped.
/// </summary>
public static class SpokenQuantities
{
    private static readonly HashSet<string> Fillers = new(["个", "多", "来", "of", "or", "to", "到", "至", "and", "so", "about", "around", "odd", "ish"], StringComparer.Ordinal);
    private static readonly HashSet<string> CalendarWords = new(["春", "夏", "秋", "冬", "今", "明", "昨", "每", "当", "整", "天", "白"], StringComparer.Ordinal);
    private static readonly HashSet<string> Articles = new(["a", "an", "couple", "few", "several"], StringComparer.Ordinal);

    /// <summary>The largest time span stated, in the unit of <paramref name="unitSize"/>, or null.</summary>
    public static double? Span(List<TextUnit> units, bool[] covered, Func<List<TextUnit>, int, (double Size, int Length)?> unitSize)
    {
        double? best = null;
        for (var i = 0; i < units.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            double value;
            int length;
            if (unitSize(units, i) is { } bare && (i == 0 || !Quantities.TryRead(units, i - 1, out _, out _)))
            {
                // A unit inside a word for a time of year or day is not one of it: 春天, 每天, 今年 (上礼拜 is a week).
                if (units[i].Cjk && i > 0 && CalendarWords.Contains(units[i - 1].Raw))
                {
                    continue;
                }

                // A unit on its own is one of it: "a fortnight", "an hour" (after its article); in the plural, or after
                // 几个 / 好几个, it is at least two: "hours, till lunch", 几个钟头.
                value = Plural(units, i) ? 2 : 1;
                length = 0;
            }
            else if (Quantities.TryRead(units, i, out var whole, out length))
            {
                value = whole;
            }
            else
            {
                continue;
            }

            var j = i + length;
            var half = false;
            while (j < units.Count && j < i + length + 4 && !covered[j] && unitSize(units, j) is null
                   && (Fillers.Contains(units[j].Raw) || units[j].Raw == "半" || Quantities.TryRead(units, j, out _, out _)))
            {
                // "1-2 hours", "1到2个小时", "a couple of hours": the higher number counts.
                if (Quantities.TryRead(units, j, out var other, out var otherLength))
                {
                    value = Math.Max(value, other);
                    j += otherLength;
                    continue;
                }

                half |= units[j].Raw == "半";
                j++;
            }

            if (j < units.Count && !covered[j] && unitSize(units, j) is { } unit)
            {
                var after = j + unit.Length;
                half |= after + 2 < units.Count && units[after].Raw == "and" && units[after + 1].Raw == "a" && units[after + 2].Raw == "half";
                var total = ((value + (half ? 0.5 : 0)) * unit.Size) + Bound(units, i, after);
                best = Math.Max(best ?? 0, total);
                i = after - 1;
            }
        }

        return best;
    }

    /// <summary>A score in the financial numerals (捌分) read as the ordinary ones (八分).</summary>
    public static string OrdinaryNumerals(string text)
    {
        const string financial = "零壹贰叁肆伍陆柒捌玖拾", ordinary = "零一二三四五六七八九十";
        return string.Concat(text.Select(ch => financial.IndexOf(ch) is var at and >= 0 ? ordinary[at] : ch));
    }

    /// <summary>A bare unit said in the plural ("hours", "weeks") or after 几个 / 好几个 (几个钟头).</summary>
    private static bool Plural(List<TextUnit> units, int i) =>
        units[i].Cjk
            ? i >= 2 && units[i - 1].Raw == "个" && units[i - 2].Raw == "几"
            : units[i].Raw.Length > units[i].Key.Length && units[i].Raw.EndsWith('s');

    /// <summary>"more than an hour", 一小时以上: a little over; "less than 30 minutes", 不到30分钟: a little under.</summary>
    private static double Bound(List<TextUnit> units, int start, int end)
    {
        string Before(int back) => start - back >= 0 ? units[start - back].Raw : "";
        string After(int ahead) => end + ahead < units.Count ? units[end + ahead].Raw : "";
        if (Before(1) is "over" or "超" || (Before(2), Before(1)) is ("more", "than") or ("longer", "than") or ("at", "least") or ("超", "过") || (After(0), After(1)) is ("以", "上") or ("多", _))
        {
            return 1;
        }

        return Before(1) is "under" || (Before(2), Before(1)) is ("less", "than") or ("不", "到") || (After(0), After(1)) is ("以", "内") or ("以", "下") ? -1 : 0;
    }

    /// <summary>Minutes per unit at <paramref name="j"/>: minutes, hours, 分钟, 小时, 钟头, 刻.</summary>
    public static (double Size, int Length)? Minutes(List<TextUnit> units, int j) => units[j].Key switch
    {
        "minut" or "min" or "mins" or "分" => (1, units[j].Raw == "分" && j + 1 < units.Count && units[j + 1].Raw == "钟" ? 2 : 1),
        "hour" or "hr" or "hrs" => (60, 1),
        "小" when j + 1 < units.Count && units[j + 1].Raw == "时" => (60, 2),
        "钟" when j + 1 < units.Count && units[j + 1].Raw == "头" => (60, 2),
        _ => null,
    };

    /// <summary>Days per unit at <paramref name="j"/>: days, weeks, fortnights, months, years, 天, 周, 星期, 礼拜, 月, 年.</summary>
    public static (double Size, int Length)? Days(List<TextUnit> units, int j) => units[j].Key switch
    {
        "day" or "天" => (1, 1),
        "week" or "wk" or "wks" or "周" => (7, 1),
        "星" when j + 1 < units.Count && units[j + 1].Raw == "期" => (7, 2),
        "礼" when j + 1 < units.Count && units[j + 1].Raw == "拜" => (7, 2),
        "fortnight" => (14, 1),
        "month" or "月" => (30, 1),
        "year" or "yr" or "yrs" or "年" => (365, 1),
        _ => null,
    };

    /// <summary>The words that put a number just under it: "almost 16", "nearly 50", 快十六了, 将近五十.</summary>
    private static readonly HashSet<string> Almost = new(["almost", "nearly", "快", "近"], StringComparer.Ordinal);

    /// <summary>An age: the largest number stated; one just under it ("15, almost 16", 快十六了) is the year before it.</summary>
    public static int? Age(List<TextUnit> units, int max)
    {
        int? best = null;
        for (var i = 0; i < units.Count; i++)
        {
            if (!Articles.Contains(units[i].Raw) && Quantities.TryRead(units, i, out var value, out var length))
            {
                var age = i > 0 && Almost.Contains(units[i - 1].Raw) ? value - 1 : value;
                if (value <= max && (best is null || age > best))
                {
                    best = age;
                }

                i += length - 1;
            }
        }

        return best;
    }

    /// <summary>Plain numbers (no article words), for ages and scores; the largest, and how many different ones.</summary>
    public static (int? Highest, int Distinct) Numbers(List<TextUnit> units, bool[] covered, int max)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < units.Count; i++)
        {
            if (!covered[i] && !Articles.Contains(units[i].Raw) && Quantities.TryRead(units, i, out var value, out var length))
            {
                if (value <= max)
                {
                    seen.Add(value);
                }

                i += length - 1;
            }
        }

        return (seen.Count == 0 ? null : seen.Max(), seen.Count);
    }
}
