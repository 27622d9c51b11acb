using System.Text;

namespace BackCareBot.Dialogs.Recognition;

/// <summary>Lower-cases, drops punctuation (ASCII and CJK) and emoji, folds white space and the typographic apostrophe, so tables match typed answers.</summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.Trim().EnumerateRunes())
        {
            if (rune.Value == '\u2019')
            {
                // A typographic apostrophe ("don’t", from phones) reads as the typed one.
                builder.Append('\'');
                space = false;
            }
            else if (Rune.IsLetterOrDigit(rune) || rune.Value == '/' || rune.Value == '\'')
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                space = false;
                builder.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>True when the text has no letters or digits at all (empty, white space, emoji, punctuation).</summary>
    public static bool IsBlank(string? text) => Normalize(text).Length == 0;

    /// <summary>True when <paramref name="phrase"/> occurs in <paramref name="text"/> as whole words (or anywhere, for CJK).</summary>
    public static bool ContainsPhrase(string normalizedText, string normalizedPhrase)
    {
        if (normalizedPhrase.Length == 0)
        {
            return false;
        }

        var index = normalizedText.IndexOf(normalizedPhrase, StringComparison.Ordinal);
        while (index >= 0)
        {
            var end = index + normalizedPhrase.Length;
            var startOk = index == 0 || normalizedText[index - 1] == ' ' || IsCjk(normalizedPhrase[0]);
            var endOk = end == normalizedText.Length || normalizedText[end] == ' ' || IsCjk(normalizedPhrase[^1]);
            if (startOk && endOk)
            {
                return true;
            }

            index = normalizedText.IndexOf(normalizedPhrase, index + 1, StringComparison.Ordinal);
        }

        return false;
    }

    public static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff';
}
