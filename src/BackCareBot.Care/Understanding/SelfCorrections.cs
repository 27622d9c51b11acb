using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// Words that take back what came before them in an answer ("no actually", 不对; dialogs/answers.json `corrections`),
/// normalised as messages are read: "5, no actually 4" is 4, 5分，不对，4分 is 4分.
/// </summary>
internal sealed class SelfCorrections(IEnumerable<string> words)
{
    private readonly string[] _words = [.. words.Select(TextNormalizer.Normalize).Where(w => w.Length > 0)];

    /// <summary>What follows the last correction in a message, or null without one.</summary>
    public string? After(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var from = -1;
        foreach (var word in _words)
        {
            // Only within the message: a correction that opens or closes it takes nothing back.
            var at = normalized.LastIndexOf(word, StringComparison.Ordinal);
            var end = at + word.Length;
            // A one-character Chinese correction (算) only where it opens a clause: 不算软 takes nothing back.
            var opens = at > 0 && normalized[at - 1] == ' ';
            if (at > 0 && end < normalized.Length && (TextNormalizer.IsCjk(word[0]) ? word.Length > 1 || opens : opens && normalized[end] == ' '))
            {
                from = Math.Max(from, end);
            }
        }

        return from < 0 ? null : normalized[from..];
    }
}
