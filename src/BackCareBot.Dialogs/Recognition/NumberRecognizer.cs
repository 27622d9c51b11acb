namespace BackCareBot.Dialogs.Recognition;

/// <summary>
/// Whole numbers 0-100 from digits ("7", "7/10", "7 out of 10"), English words and Chinese numerals ("七", "七分", "十一").
/// A range ("6 or 7", "3-4", "six to seven", 三四分, 6到7) gives its higher end: for a pain score the cautious reading.
/// </summary>
public static class NumberRecognizer
{
    private static readonly System.Text.RegularExpressions.Regex Range = new(
        @"(?<![\d/])(\d{1,3})(?: ?(?:or|to|-|到|或|至|~) ?| )(\d{1,3})(?![\d/])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex OutOfTen = new(
        @"(?:/ ?| out of | outta )(?:10|ten)\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, int> EnglishWords = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["nil"] = 0, ["none"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private const string ChineseDigits = "零一二三四五六七八九";
    private static readonly System.Buffers.SearchValues<char> ChineseNumerals = System.Buffers.SearchValues.Create("零一二两三四五六七八九十");

    public static int? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        normalized = OutOfTen.Replace(normalized, " ");
        if (Range.Match(normalized) is { Success: true } range)
        {
            return Math.Max(int.Parse(range.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture), int.Parse(range.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
        }

        return FromDigits(normalized) ?? FromEnglish(normalized) ?? FromChinese(normalized);
    }

    private static int? FromDigits(string text)
    {
        // The first run of digits wins: "7/10", "7 out of 10", "about 7" all give 7.
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            var end = i;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            return end - i <= 3 ? int.Parse(text.AsSpan(i, end - i), System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        return null;
    }

    private static int? FromEnglish(string text)
    {
        var words = text.Split(' ', '-');
        for (var i = 0; i < words.Length; i++)
        {
            if (EnglishWords.TryGetValue(words[i], out var value))
            {
                // "twenty five" and "twenty-five"
                if (value >= 20 && i + 1 < words.Length && EnglishWords.TryGetValue(words[i + 1], out var unit) && unit is > 0 and < 10)
                {
                    return value + unit;
                }

                // "six or seven", "six to seven": the higher end.
                if (i + 2 < words.Length && words[i + 1] is "or" or "to" && EnglishWords.TryGetValue(words[i + 2], out var upper) && upper > value)
                {
                    return upper;
                }

                return value;
            }
        }

        return null;
    }

    private static int? FromChinese(string text)
    {
        var start = text.AsSpan().IndexOfAny(ChineseNumerals);
        if (start < 0)
        {
            return null;
        }

        var end = start;
        while (end < text.Length && ChineseNumerals.Contains(text[end]))
        {
            end++;
        }

        var span = text.AsSpan(start, end - start);
        var ten = span.IndexOf('十');
        if (ten < 0)
        {
            // 三四 is "three or four": the higher end.
            return span.Length == 1 ? Digit(span[0]) : span.Length == 2 ? Math.Max(Digit(span[0]) ?? -1, Digit(span[1]) ?? -1) is var high and >= 0 ? high : null : null;
        }

        var tens = ten == 0 ? 1 : Digit(span[ten - 1]);
        var units = ten == span.Length - 1 ? 0 : Digit(span[ten + 1]);
        return tens is null || units is null ? null : tens * 10 + units;
    }

    private static int? Digit(char c) => c == '两' ? 2 : ChineseDigits.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? i : null;
}
