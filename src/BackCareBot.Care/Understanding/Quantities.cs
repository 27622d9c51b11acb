namespace BackCareBot.Care.Understanding;

/// <summary>Numbers in typed text: digits, English number words ("fifty eight") and Chinese numerals (五十八, 两, 十来).</summary>
public static class Quantities
{
    private static readonly Dictionary<string, int> EnglishWords = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["a"] = 1, ["an"] = 1, ["couple"] = 2, ["few"] = 3, ["several"] = 3,
    };

    private const string ChineseDigits = "零一二三四五六七八九";

    /// <summary>Reads a number starting at unit <paramref name="i"/>: its value and how many units it takes.</summary>
    public static bool TryRead(List<TextUnit> units, int i, out int value, out int length)
    {
        value = 0;
        length = 0;
        var unit = units[i];
        if (!unit.Cjk && char.IsAsciiDigit(unit.Raw[0]))
        {
            length = 1;
            return unit.Raw.Length <= 4 && int.TryParse(unit.Raw, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        if (!unit.Cjk)
        {
            if (!EnglishWords.TryGetValue(unit.Raw, out value))
            {
                return false;
            }

            length = 1;
            if (value >= 20 && i + 1 < units.Count && EnglishWords.TryGetValue(units[i + 1].Raw, out var ones) && ones is > 0 and < 10 && units[i + 1].Raw.Length > 2)
            {
                value += ones;
                length = 2;
            }

            return true;
        }

        return TryChinese(units, i, out value, out length);
    }

    private static bool TryChinese(List<TextUnit> units, int i, out int value, out int length)
    {
        value = 0;
        length = 0;
        var tens = -1;
        var current = -1;
        while (i + length < units.Count && units[i + length].Cjk)
        {
            var c = units[i + length].Raw[0];
            if (c == '十')
            {
                tens = current < 0 ? 1 : current;
                current = -1;
            }
            else if (c == '两' || ChineseDigits.Contains(c, StringComparison.Ordinal))
            {
                if (current >= 0)
                {
                    // 三四 is "three or four": the reader takes the higher.
                    current = Math.Max(current, Digit(c));
                }
                else
                {
                    current = Digit(c);
                }
            }
            else
            {
                break;
            }

            length++;
        }

        if (length == 0)
        {
            return false;
        }

        value = (tens >= 0 ? tens * 10 : 0) + Math.Max(current, 0);
        return true;
    }

    private static int Digit(char c) => c == '两' ? 2 : ChineseDigits.IndexOf(c, StringComparison.Ordinal);
}
