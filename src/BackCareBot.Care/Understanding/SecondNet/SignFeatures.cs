namespace BackCareBot.Care.Understanding;

/// <summary>
/// The features the second net reads from a message, after the product's own normalisation (<see cref="TextUnits"/>:
/// NFKC, lower case, quotes folded, traditional characters folded to simplified, words stemmed). English: each word's
/// stem, each pair of neighbouring stems, and the three- and four-letter pieces of each word with its edges marked
/// ("&lt;numb", "umb&gt;"), which carry typos and other forms of a word. Chinese: each character and each pair of
/// neighbouring characters. Each feature counts once per message.
/// </summary>
public static class SignFeatures
{
    public static HashSet<string> Of(string? text)
    {
        var features = new HashSet<string>(StringComparer.Ordinal);
        var units = TextUnits.Split(text);
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var next = i + 1 < units.Count && unit.After != Break.Sentence ? units[i + 1] : (TextUnit?)null;
            if (unit.Cjk)
            {
                features.Add("z " + unit.Key);
                if (next is { Cjk: true } after && unit.After == Break.None)
                {
                    features.Add("z " + unit.Key + after.Key);
                }

                continue;
            }

            features.Add("w " + unit.Key);
            if (next is { Cjk: false } following)
            {
                features.Add("b " + unit.Key + " " + following.Key);
            }

            if (!char.IsAsciiDigit(unit.Raw[0]))
            {
                AddPieces(features, "<" + unit.Raw + ">");
            }
        }

        return features;
    }

    /// <summary>Whether a message is read with the Chinese model: it has a Chinese character.</summary>
    public static bool IsChinese(string text) => text.Any(TextUnits.IsCjk);

    private static void AddPieces(HashSet<string> features, string word)
    {
        for (var n = 3; n <= 4; n++)
        {
            for (var start = 0; start + n <= word.Length; start++)
            {
                features.Add(string.Concat("c ", word.AsSpan(start, n)));
            }
        }
    }
}
