using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Triage;

/// <summary>Checks every free-text message for red-flag phrases in both languages; the most urgent hit wins.</summary>
public sealed class RedFlagScreen : IWarningSignCheck
{
    private readonly (RedFlag Flag, string Phrase)[] _triggers;

    public RedFlagScreen(CareContent content)
    {
        _triggers = [.. content.RedFlags.Flags
            .SelectMany(f => f.Triggers.Values.SelectMany(list => list).Select(p => (f, TextNormalizer.Normalize(p))))
            .Where(t => t.Item2.Length > 0)];
    }

    public RedFlag? Match(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        RedFlag? found = null;
        foreach (var (flag, phrase) in _triggers)
        {
            if (TextNormalizer.ContainsPhrase(normalized, phrase) && !IsNegated(normalized, phrase)
                && (found is null || TriageLevels.Rank(flag.Level) > TriageLevels.Rank(found.Level)))
            {
                found = flag;
            }
        }

        return found;
    }

    // "no chest pain" or "没有发烧" must not raise a flag.
    private static bool IsNegated(string text, string phrase)
    {
        var index = text.IndexOf(phrase, StringComparison.Ordinal);
        var before = text[..index];
        return before.EndsWith("no ", StringComparison.Ordinal) || before.EndsWith("not ", StringComparison.Ordinal)
            || before.EndsWith("without ", StringComparison.Ordinal) || before.EndsWith("没有", StringComparison.Ordinal)
            || before.EndsWith('没') || before.EndsWith('不');
    }
}
