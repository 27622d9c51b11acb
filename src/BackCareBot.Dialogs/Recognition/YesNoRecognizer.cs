namespace BackCareBot.Dialogs.Recognition;

public enum YesNoAnswer
{
    Yes,
    No,
    Unsure,
}

/// <summary>
/// The words for yes, no and not sure (both languages together), with the words that only strengthen the answer
/// after them ("definitely not", 肯定没有), the endings that make a short Chinese answer a no (脚跟没事, 测验就不用了),
/// and the words that open or close an answer without being it ("hmm", 嗯…, 据我所知; "thanks", 谢谢, 哈).
/// </summary>
public sealed record YesNoWords(
    IReadOnlyList<string> Yes,
    IReadOnlyList<string> No,
    IReadOnlyList<string> Unsure,
    IReadOnlyList<string> Strengtheners,
    IReadOnlyList<string> NoEndings)
{
    public IReadOnlyList<string> Openers { get; init; } = [];

    public IReadOnlyList<string> Closers { get; init; } = [];
}

/// <summary>
/// Yes / no / not sure in English and Chinese, from whole phrases and leading words. The words come from the content
/// (answers.json's yesNo) and are normalised once, when the recogniser is built; reading a message allocates its
/// normalised text, and only when it needs them the rest after an opener or a strengthener and the clauses of a longer one.
/// </summary>
public sealed class YesNoRecognizer
{
    /// <summary>How many characters may follow a Chinese "not sure" in its message (two for yes and no).</summary>
    private const int UnsureTail = 8;

    private static readonly char[] ClauseBreaks = [',', '，', '.', '。', '?', '？', '!', '！', ';', '；', '、'];

    private readonly HashSet<string> _yesWhole;
    private readonly Phrase[] _yes;
    private readonly Phrase[] _no;
    private readonly Phrase[] _unsure;
    private readonly string[] _strengtheners;
    private readonly string[] _noEndings;
    private readonly string[] _openers;
    private readonly string[] _closers;

    public YesNoRecognizer(YesNoWords words)
    {
        _yes = Phrases(words.Yes);
        _no = Phrases(words.No);
        _unsure = Phrases(words.Unsure);
        _yesWhole = new HashSet<string>(_yes.Select(p => p.Text), StringComparer.Ordinal);

        // "definitely" strengthens "definitely not" (a word of its own); 肯定 strengthens 肯定没有 (no space in Chinese).
        _strengtheners = [.. Normalized(words.Strengtheners).Select(w => TextNormalizer.IsCjk(w[^1]) ? w : w + " ")];
        _noEndings = [.. Normalized(words.NoEndings)];

        // An opener is followed by the answer ("hmm not sure", 嗯 不好说); a closer follows it ("no thanks", 木有怀孕哈).
        _openers = [.. Normalized(words.Openers).Select(w => TextNormalizer.IsCjk(w[^1]) ? w : w + " ")];
        _closers = [.. Normalized(words.Closers).Select(w => TextNormalizer.IsCjk(w[0]) ? w : " " + w)];
    }

    public YesNoAnswer? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        // "hmm not sure", 嗯…不好说, 据我所知没有: what follows the opener is the answer, when it reads as one.
        foreach (var opener in _openers)
        {
            if (normalized.Length > opener.Length && normalized.StartsWith(opener, StringComparison.Ordinal) && Recognize(normalized[opener.Length..]) is { } opened)
            {
                return opened;
            }
        }

        // "nope thanks", "木有怀孕 哈", "测验就不用了 谢谢": what comes before the closer is the answer.
        foreach (var closer in _closers)
        {
            if (normalized.Length > closer.Length && normalized.EndsWith(closer, StringComparison.Ordinal) && Recognize(normalized[..^closer.Length]) is { } closed)
            {
                return closed;
            }
        }

        foreach (var word in _strengtheners)
        {
            if (normalized.Length > word.Length && normalized.StartsWith(word, StringComparison.Ordinal) && Recognize(normalized[word.Length..]) is YesNoAnswer.No)
            {
                return YesNoAnswer.No;
            }
        }

        // A short Chinese answer that names a part and says it is fine or does not help, or declines: "脚后跟没事",
        // "脚跟不疼", "测验就不用了" are no.
        foreach (var ending in _noEndings)
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

        // "never heard of it, not sure": a not sure that closes the message, after a break, wins over what opens it.
        if (EndsWithAny(normalized, _unsure))
        {
            return YesNoAnswer.Unsure;
        }

        if (Matches(normalized, _unsure, UnsureTail))
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
    /// and "what's that? not sure" are not sure. The opening clause is read first. Chinese typed on a phone often
    /// breaks clauses with a space instead of a comma ("没有喔 没有怀孕啦"): a space between two Chinese characters is a break too.
    /// </summary>
    private YesNoAnswer? ByClause(string text)
    {
        var clauses = SpaceBreaks(text).Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return clauses.Length < 2 ? null : Recognize(clauses[0]) ?? Recognize(clauses[^1]);
    }

    private static string SpaceBreaks(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 1; i < chars.Length - 1; i++)
        {
            if (char.IsWhiteSpace(chars[i]) && TextNormalizer.IsCjk(chars[i - 1]) && TextNormalizer.IsCjk(chars[i + 1]))
            {
                chars[i] = '，';
            }
        }

        return new string(chars);
    }

    private static bool Matches(string normalized, Phrase[] phrases, int tail = 2)
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

                // Chinese answers are often the phrase plus a few characters ("没有啊", "是的呢"); not sure, the phrase and
                // what is not known ("不太清楚家里人有没有").
                if (phrase.Cjk && rest <= tail)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool EndsWithAny(string normalized, Phrase[] phrases)
    {
        foreach (var phrase in phrases)
        {
            var start = normalized.Length - phrase.Text.Length;
            if (start > 0 && normalized[start - 1] == ' ' && normalized.EndsWith(phrase.Text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Normalized(IEnumerable<string> words) =>
        words.Select(TextNormalizer.Normalize).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal);

    private static Phrase[] Phrases(IEnumerable<string> words) => [.. Normalized(words).Select(w => new Phrase(w, TextNormalizer.IsCjk(w[0])))];

    private readonly record struct Phrase(string Text, bool Cjk);
}
