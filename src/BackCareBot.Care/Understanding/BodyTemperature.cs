namespace BackCareBot.Care.Understanding;

/// <summary>
/// A high body temperature stated as a number, the measured concept <c>temp38</c>: 38 °C or more (100.4 °F), the NHS's
/// "high temperature" (dialogs/sources.json S52). People give the reading, not the word: "temp 38.9 this morning",
/// "thermometer says 101.5", 早上量了39.2, 体温38度5, 三十九度二. A number counts when it has a decimal (38.0-43.0, no other
/// unit after it), a temperature unit (c, celsius, f, fahrenheit, 度 or degrees after a temperature word), or a
/// temperature word shortly before it (temp, thermometer, 体温, 量, 烧); never in a sentence about the weather or a room
/// ("it's 39 degrees outside", 外面三十九度). A normal reading (35-37.4 °C, 95-99.4 °F), read under the same rules, is the
/// measured concept <c>temp_normal</c>, which softens a fever word to its question ("thermometer says 36.8").
/// </summary>
public static class BodyTemperature
{
    private const int Lookback = 4;

    // Words a reading follows: "temp of 39", "thermometer says", "running a 102", 体温, 量了, 测了, 烧到, 发热 (English words and single
    // characters as typed, two-character words as pairs of units).
    private static readonly HashSet<string> ReadingWords = new(
        ["temp", "temps", "temperature", "temperatures", "thermometer", "fever", "feverish", "reading", "running", "量", "测", "烧",
         "体温", "发热", "温度"],
        StringComparer.Ordinal);

    // Words that make a number something other than a body temperature: the weather, a room, water.
    private static readonly HashSet<string> Elsewhere = new(
        ["outside", "outdoors", "weather", "forecast", "heatwave", "sun", "sunny", "room", "bedroom", "house", "office", "car",
         "water", "bath", "shower", "pool", "oven", "heating", "thermostat", "todays",
         "天气", "气温", "外面", "外头", "室外", "室内", "屋里", "屋子", "房间", "空调", "水温", "洗澡", "泡澡", "暖气"],
        StringComparer.Ordinal);

    // Degrees a person "has" or "is" are their temperature: "I have 39 degrees", "she's got 102 degrees", "I'm 39 degrees",
    // 我三十九度, 他现在39度 (the weather and rooms are excluded first; "I walked 39 degrees uphill" has no such verb).
    private static readonly HashSet<string> People = new(
        ["i", "he", "she", "husband", "wife", "son", "daughter", "mum", "mom", "dad", "baby", "kid", "child"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> Having = new(
        ["have", "has", "had", "got", "am", "is", "was"], StringComparer.Ordinal);

    private static readonly HashSet<string> PersonHaving = new(
        ["im", "ive", "hes", "shes", "i'm", "i've", "he's", "she's"], StringComparer.Ordinal);

    private static readonly HashSet<string> Times = new(
        ["现", "在", "今", "天", "昨", "晚", "早", "上", "已", "经", "都"], StringComparer.Ordinal);

    private static readonly HashSet<string> OtherUnits = new(
        ["kg", "kgs", "kilo", "kilos", "lb", "lbs", "pound", "pounds", "st", "stone", "cm", "mm", "inch", "inches", "percent", "week",
         "weeks", "day", "days", "hour", "hours", "hrs", "minute", "minutes", "mins", "min", "year", "years", "yrs", "mph", "km", "miles", "shoe", "shoes",
         "岁", "公", "斤", "周", "小", "分", "年", "米", "个", "次", "块"],
        StringComparer.Ordinal);

    /// <summary>Whether the text states a body temperature of 38 °C / 100.4 °F or more.</summary>
    public static bool High(List<TextUnit> units) => Any(units, high: true);

    /// <summary>
    /// Whether the text states a normal body temperature, 35 to 37.4 °C or 95 to 99.4 °F, read under the same rules as a
    /// high one ("temp 36.8", 体温三十六度五, "thermometer says 98.6"): the measured concept temp_normal.
    /// </summary>
    public static bool Normal(List<TextUnit> units) => Any(units, high: false);

    private static bool Any(List<TextUnit> units, bool high)
    {
        for (var i = 0; i < units.Count; i++)
        {
            if (!Quantities.TryRead(units, i, out var whole, out var length))
            {
                continue;
            }

            var (value, end, hasDecimal) = WithDecimal(units, i, whole, length);
            var (celsius, fahrenheit) = high
                ? (value is >= 38.0 and <= 43.0, value is >= 100.4 and <= 108.0)
                : (value is >= 35.0 and < 37.5, value is >= 95.0 and < 99.5);
            if (IsReading(units, i, end, celsius, fahrenheit, hasDecimal))
            {
                return true;
            }

            i = end - 1;
        }

        return false;
    }

    private static bool IsReading(List<TextUnit> units, int start, int end, bool celsius, bool fahrenheit, bool hasDecimal)
    {
        // Most numbers people type (scores, ages, minutes) are out of both ranges: the sentence is only read for the rest.
        var unit = end < units.Count ? units[end].Raw : "";
        if (!(celsius || fahrenheit) || OtherUnits.Contains(unit) || AboutElsewhere(units, start))
        {
            return false;
        }

        var context = Before(units, start, ReadingWords);
        return unit switch
        {
            "c" or "celsius" or "centigrade" => celsius,
            "f" or "fahrenheit" => fahrenheit,
            "度" or "degree" or "degrees" => context || hasDecimal || ReadingAfter(units, end) || OfAPerson(units, start),
            _ => (celsius && (hasDecimal || context)) || (fahrenheit && context),
        };
    }

    /// <summary>"39.2" (split at the point), 38度5, 三十九度二, 三十八点五: the number with its tenths, and where it ends.</summary>
    private static (double Value, int End, bool HasDecimal) WithDecimal(List<TextUnit> units, int i, int whole, int length)
    {
        var end = i + length;
        var last = units[end - 1];
        if (!last.Cjk && last.After == Break.Sentence && char.IsAsciiDigit(last.Raw[0]) && end < units.Count
            && units[end].Raw.Length == 1 && char.IsAsciiDigit(units[end].Raw[0]))
        {
            return (whole + ((units[end].Raw[0] - '0') / 10.0), end + 1, true);
        }

        if (end + 1 < units.Count && units[end].Raw is "度" or "点" && Tenths(units[end + 1]) is { } tenths)
        {
            // 三十九度 on its own keeps its 度 as the unit; 三十九度二 is 39.2, and 三十八点五度 38.5 with its unit after.
            return (whole + (tenths / 10.0), end + 2, true);
        }

        return (whole, end, false);
    }

    private static int? Tenths(TextUnit unit) =>
        unit.Raw.Length == 1 && char.IsAsciiDigit(unit.Raw[0]) ? unit.Raw[0] - '0'
        : unit.Cjk && "零一二三四五六七八九".IndexOf(unit.Raw[0], StringComparison.Ordinal) is var d and >= 0 ? d
        : null;

    /// <summary>Whether one of the words stands shortly before the number, in its sentence.</summary>
    private static bool Before(List<TextUnit> units, int start, HashSet<string> words)
    {
        for (var j = start - 1; j >= 0 && j >= start - Lookback; j--)
        {
            if (units[j].After == Break.Sentence)
            {
                break;
            }

            if (Names(units, j, words))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"I have 39 degrees", "she's got 102 degrees", 我三十九度, 他现在39度.</summary>
    private static bool OfAPerson(List<TextUnit> units, int start)
    {
        var j = start - 1;
        if (j >= 0 && units[j].Raw is "got" or "been")
        {
            j--;
        }

        if (j >= 0 && PersonHaving.Contains(units[j].Raw))
        {
            return true;
        }

        if (j >= 1 && Having.Contains(units[j].Raw) && People.Contains(units[j - 1].Raw))
        {
            return true;
        }

        // Chinese: 我, 他 or 她 straight before the number, or with only time words (现在, 今天, 早上 ...) between.
        for (var k = start - 1; k >= 0 && k >= start - 3 && units[k].Cjk; k--)
        {
            if (units[k].Raw is "我" or "他" or "她")
            {
                return true;
            }

            if (!Times.Contains(units[k].Raw))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>"a 39 degree fever", 39度的高烧: a temperature word just after the unit, in its sentence.</summary>
    private static bool ReadingAfter(List<TextUnit> units, int end)
    {
        for (var j = end + 1; j < units.Count && j <= end + 3 && units[j - 1].After != Break.Sentence; j++)
        {
            if (Names(units, j, ReadingWords))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AboutElsewhere(List<TextUnit> units, int start)
    {
        // The sentence the number stands in: back to the last full stop before it, on to the next one.
        var from = start;
        while (from > 0 && units[from - 1].After != Break.Sentence)
        {
            from--;
        }

        for (var j = from; j < units.Count; j++)
        {
            if (Names(units, j, Elsewhere))
            {
                return true;
            }

            if (j > start + 1 && units[j].After == Break.Sentence)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Whether unit <paramref name="j"/> is one of the words, or a Chinese character that starts one with the next.</summary>
    private static bool Names(List<TextUnit> units, int j, HashSet<string> words) =>
        words.Contains(units[j].Raw) || (units[j].Cjk && j + 1 < units.Count && units[j + 1].Cjk && words.Contains(units[j].Raw + units[j + 1].Raw));
}
