namespace BackCareBot.Care.Understanding;

/// <summary>
/// Two measured parts of the story around a sign, which word lists cannot hold without hiding other words:
/// <c>past_year</c>, a time at least two years back given as a number ("in 2015", "back in 2009", 2015年, 十年前, 20年前,
/// 几年前; not 前列腺, the prostate), and <c>their_back</c>, someone else's back ("his back is agony", "mum's back",
/// 她的腰, 我妈腰, 一直喊腰疼), which the spellings otherwise read as "my back".
/// </summary>
public static class StoryMeasures
{
    private static readonly HashSet<string> YearBefore = new(["in", "since", "back", "from", "around", "circa", "during"], StringComparer.Ordinal);

    // Whose back: his, her, their, and a relative's ("mum's" is typed as one word).
    private static readonly HashSet<string> Possessive = new(
        ["his", "her", "their", "mums", "moms", "mams", "dads", "husbands", "wifes", "partners", "sons", "daughters", "nans", "grans",
         "grandmas", "grandads", "mothers", "fathers", "brothers", "sisters"],
        StringComparer.Ordinal);

    // 喊腰疼: someone complaining of back pain ("孩子一直喊腰疼") is the one whose back it is.
    private static readonly HashSet<string> ChineseOwner = new(["她", "他", "喊", "我妈", "我爸", "老公", "老婆", "老人", "奶奶", "爷爷", "姥姥", "外婆", "婆婆", "孩子", "儿子", "女儿"], StringComparer.Ordinal);

    /// <summary>Whether the text places something two or more years before <paramref name="now"/> with a number.</summary>
    public static bool PastYear(List<TextUnit> units, DateTime now)
    {
        for (var i = 0; i < units.Count; i++)
        {
            var raw = units[i].Raw;
            if (raw.Length == 4 && raw.All(char.IsAsciiDigit))
            {
                var year = int.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
                var marked = (i > 0 && YearBefore.Contains(units[i - 1].Raw)) || (i + 1 < units.Count && units[i + 1].Raw == "年");
                if (marked && year >= 1940 && year <= now.Year - 2)
                {
                    return true;
                }
            }
            else if (raw == "年" && i + 1 < units.Count && units[i + 1].Raw == "前" && !(i + 2 < units.Count && units[i + 2].Raw == "列") && YearsBefore(units, i) >= 2)
            {
                return true;
            }
        }

        return false;
    }

    // The number of years before 年 in N年前: digits, Chinese numerals, or 几 / 多 / 好几 (some, many).
    private static int YearsBefore(List<TextUnit> units, int year)
    {
        if (year == 0)
        {
            return 0;
        }

        var before = units[year - 1].Raw;
        if (before is "几" or "多")
        {
            return 2;
        }

        for (var start = Math.Max(0, year - 3); start < year; start++)
        {
            if (Quantities.TryRead(units, start, out var value, out var length) && start + length == year)
            {
                return value;
            }
        }

        return 0;
    }

    /// <summary>Whether the text names another person's back: his, her, their or a relative's, then back or spine; in Chinese 她 / 他 / a relative, then (的)腰.</summary>
    public static bool TheirBack(List<TextUnit> units)
    {
        for (var i = 0; i + 1 < units.Count; i++)
        {
            if (Possessive.Contains(units[i].Raw) && units[i + 1].Raw is "back" or "backs" or "spine" or "lower")
            {
                return true;
            }

            if (units[i + 1].Raw == "腰" || (units[i + 1].Raw == "的" && i + 2 < units.Count && units[i + 2].Raw == "腰"))
            {
                var one = units[i].Raw;
                var two = i > 0 ? units[i - 1].Raw + one : one;
                if (ChineseOwner.Contains(one) || ChineseOwner.Contains(two))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
