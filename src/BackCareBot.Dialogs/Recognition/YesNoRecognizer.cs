namespace BackCareBot.Dialogs.Recognition;

public enum YesNoAnswer
{
    Yes,
    No,
    Unsure,
}

/// <summary>
/// The words for yes, no and not sure (both languages together), with the words that only strengthen the answer
/// after them ("definitely not", 肯定没有) and the endings that make a short Chinese answer naming a part a no (脚跟没事).
/// </summary>
public sealed record YesNoWords(
    IReadOnlyList<string> Yes,
    IReadOnlyList<string> No,
    IReadOnlyList<string> Unsure,
    IReadOnlyList<string> Strengtheners,
    IReadOnlyList<string> FineEndings);

/// <summary>
/// Yes / no / not sure in English and Chinese, from whole phrases and leading words. The words come from the content
/// (answers.json's yesNo) and are normalised once, when the recogniser is built; reading a message allocates only its
/// normalised text (and, for a longer message, its clauses).
/// </summary>
public sealed class YesNoRecognizer
{
    private static readonly char[] ClauseBreaks = [',', '，', '.', '。', '?', '？', '!', '！', ';', '；', '、'];

    private readonly HashSet<string> _yesWhole;
    private readonly Phrase[] _yes;
    private readonly Phrase[] _no;
    private readonly Phrase[] _unsure;
    private readonly string[] _strengtheners;
    private readonly string[] _fineEndings;

    public YesNoRecognizer(YesNoWords words)
    {
        _yes = Phrases(words.Yes);
        _no = Phrases(words.No);
        _unsure = Phrases(words.Unsure);
        _yesWhole = new HashSet<string>(_yes.Select(p => p.Text), StringComparer.Ordinal);

        // "definitely" strengthens "definitely not" (a word of its own); 肯定 strengthens 肯定没有 (no space in Chinese).
        _strengtheners = [.. Normalized(words.Strengtheners).Select(w => TextNormalizer.IsCjk(w[^1]) ? w : w + " ")];
        _fineEndings = [.. Normalized(words.FineEndings)];
    }

    public YesNoAnswer? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        foreach (var word in _strengtheners)
        {
            if (normalized.Length > word.Length && normalized.StartsWith(word, StringComparison.Ordinal) && Recognize(normalized[word.Length..]) is YesNoAnswer.No)
            {
                return YesNoAnswer.No;
            }
        }

        // A short Chinese answer that names a part and says it is fine or does not help: "脚后跟没事", "脚跟不疼" are no.
        foreach (var ending in _fineEndings)
        {
            if (normalized.Length <= ending.Length + 4 && normalized.Length > ending.Length && normalized.EndsWith(ending, StringComparison.Ordinal) && TextNormalizer.IsCjk(normalized[0]))
            {
                return YesNoAnswer.No;
            }
        }

        // A whole-phrase match wins ("没错" is yes although it starts like "没"); then the most specific
        // lists first: "not sure" must not read as "no", "没有" not as "有".
        if (_yesWhole.Contains(normalized))
        {
            return YesNoAnswer.Yes;
        }

        if (Matches(normalized, _unsure))
        {
            return YesNoAnswer.Unsure;
        }

        if (Matches(normalized, _no))
        {
            return YesNoAnswer.No;
        }

        return Matches(normalized, _yes) ? YesNoAnswer.Yes : ByClause(text!);
    }

    /// <summary>
    /// An answer that opens or closes a longer message in a clause of its own: "好啊，提醒我" is yes, "不太清楚，可能我舅舅有"
    /// and "what's that? not sure" are not sure. The opening clause is read first.
    /// </summary>
    private YesNoAnswer? ByClause(string text)
    {
        var clauses = text.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return clauses.Length < 2 ? null : Recognize(clauses[0]) ?? Recognize(clauses[^1]);
    }

    private static bool Matches(string normalized, Phrase[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (normalized.StartsWith(phrase.Text, StringComparison.Ordinal))
            {
                var rest = normalized.Length - phrase.Text.Length;
                if (rest == 0 || normalized[phrase.Text.Length] == ' ')
                {
                    return true;
                }

                // Chinese answers are often the phrase plus a few characters ("没有啊", "是的呢").
                if (phrase.Cjk && rest <= 2)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<string> Normalized(IEnumerable<string> words) =>
        words.Select(TextNormalizer.Normalize).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal);

    private static Phrase[] Phrases(IEnumerable<string> words) => [.. Normalized(words).Select(w => new Phrase(w, TextNormalizer.IsCjk(w[0])))];

    private readonly record struct Phrase(string Text, bool Cjk);
}
