namespace BackCareBot.Dialogs.Recognition;

/// <summary>One option of a choice question: its value and the words a person may use for it.</summary>
public sealed record ChoiceOption(string Value, IReadOnlyList<string> Phrases);

/// <summary>
/// Picks a choice from typed text: the value or a phrase exactly, a phrase inside the text, an ordinal
/// ("2", "the second one", "第二个"), or a phrase with a small typo. Returns null when nothing fits or two choices fit.
/// </summary>
public static class ChoiceRecognizer
{
    private static readonly string[][] Ordinals =
    [
        ["1", "first", "1st", "the first one", "first one", "one", "第一", "第一个", "第一项", "一"],
        ["2", "second", "2nd", "the second one", "second one", "two", "第二", "第二个", "第二项", "二"],
        ["3", "third", "3rd", "the third one", "third one", "three", "第三", "第三个", "第三项", "三"],
        ["4", "fourth", "4th", "the fourth one", "fourth one", "four", "第四", "第四个", "第四项", "四"],
        ["5", "fifth", "5th", "the fifth one", "fifth one", "five", "第五", "第五个", "第五项", "五"],
        ["6", "sixth", "6th", "the sixth one", "sixth one", "six", "第六", "第六个", "第六项", "六"],
    ];

    public static string? Recognize(string? text, IReadOnlyList<ChoiceOption> options)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        foreach (var option in options)
        {
            if (TextNormalizer.Normalize(option.Value) == normalized || option.Phrases.Any(p => TextNormalizer.Normalize(p) == normalized))
            {
                return option.Value;
            }
        }

        for (var i = 0; i < Math.Min(options.Count, Ordinals.Length); i++)
        {
            if (Array.IndexOf(Ordinals[i], normalized) >= 0)
            {
                return options[i].Value;
            }
        }

        return Single(options, o => o.Phrases.Any(p => TextNormalizer.ContainsPhrase(normalized, TextNormalizer.Normalize(p))))
            ?? Single(options, o => o.Phrases.Any(p => IsNearMiss(normalized, TextNormalizer.Normalize(p))));
    }

    private static string? Single(IReadOnlyList<ChoiceOption> options, Func<ChoiceOption, bool> fits)
    {
        string? found = null;
        foreach (var option in options)
        {
            if (fits(option))
            {
                if (found is not null)
                {
                    return null;
                }

                found = option.Value;
            }
        }

        return found;
    }

    private static bool IsNearMiss(string text, string phrase)
    {
        if (phrase.Length < 4 || TextNormalizer.IsCjk(phrase[0]))
        {
            return false;
        }

        var allowed = phrase.Length >= 8 ? 2 : 1;
        return EditDistance(text, phrase) <= allowed
            || text.Split(' ').Any(word => word.Length >= 4 && EditDistance(word, phrase) <= allowed);
    }

    /// <summary>
    /// Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment); anything
    /// over <paramref name="limit"/> (at most 2) is reported as <paramref name="limit"/> + 1, found as early as possible.
    /// </summary>
    public static int EditDistance(string a, string b, int limit = 2)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var width = b.Length + 1;
        Span<int> rows = stackalloc int[3 * width];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, beforePrevious[j - 2] + 1);
                }

                current[j] = best;
                rowBest = Math.Min(rowBest, best);
            }

            if (rowBest > limit)
            {
                return limit + 1;
            }

            previous.CopyTo(beforePrevious);
            current.CopyTo(previous);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
