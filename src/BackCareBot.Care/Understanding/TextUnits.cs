using System.Text;

namespace BackCareBot.Care.Understanding;

/// <summary>What separates a unit from the next: nothing, a comma-like pause, or the end of a sentence.</summary>
public enum Break : byte
{
    None,
    Pause,
    Sentence,
}

/// <summary>One unit of typed text: an English word (as its stem), a run of digits, or one Chinese character.</summary>
public readonly record struct TextUnit(string Key, string Raw, bool Cjk, Break After);

/// <summary>
/// Turns typed text into units: Unicode NFKC, lower case, curly quotes folded, apostrophes dropped inside words
/// ("can’t" = "cant"), traditional characters folded to simplified, words stemmed ("shivering" = "shivery").
/// </summary>
public static class TextUnits
{
    // Traditional forms (and a look-alike typo, 囗 for 口) of the characters the lexicons use.
    private const string Traditional = "發燒兩條門圍來暈頭腳體脹覺沒無噴車禍樓腫塊熱軟側蓋間邊劇動過經歲後麼樣裡裏這個們還會對說時點鐘陰莖褲難續緊壓悶氣虛減輕療藥針從處馬質鬆擊囗癥問題帶嚴醫們麻痺尿屁緣擔憂";
    private const string Simplified = "发烧两条门围来晕头脚体胀觉没无喷车祸楼肿块热软侧盖间边剧动过经岁后么样里里这个们还会对说时点钟阴茎裤难续紧压闷气虚减轻疗药针从处马质松击口症问题带严医们麻痹尿屁缘担忧";
    private static readonly Dictionary<char, char> Fold = BuildFold();

    public static List<TextUnit> Split(string? text)
    {
        var units = new List<TextUnit>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return units;
        }

        var folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var word = new StringBuilder();
        var digits = false;
        foreach (var raw in folded)
        {
            var c = Fold.TryGetValue(raw, out var simple) ? simple : char.ToLowerInvariant(raw);
            if (IsCjk(c))
            {
                Flush(units, word, Break.None);
                units.Add(new TextUnit(c.ToString(), c.ToString(), true, Break.None));
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                // A change between digits and letters splits a word: "39度", "6kg", "7/10".
                if (word.Length > 0 && char.IsAsciiDigit(c) != digits)
                {
                    Flush(units, word, Break.None);
                }

                digits = char.IsAsciiDigit(c);
                word.Append(c);
            }
            else if (c is '\'' or '’' or '‘' or '`' or '´' && word.Length > 0)
            {
                // Apostrophes inside a word are dropped: can't, can’t and cant are one word.
            }
            else
            {
                Flush(units, word, BreakOf(c));
                if (BreakOf(c) != Break.None && units.Count > 0 && units[^1].After < BreakOf(c))
                {
                    units[^1] = units[^1] with { After = BreakOf(c) };
                }
            }
        }

        Flush(units, word, Break.None);
        return units;
    }

    public static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff';

    /// <summary>A light English stemmer: the same stem for feverish/fever, tingling/tingly/tingle, numbness/numb.</summary>
    public static string Stem(string word)
    {
        var stem = word;
        for (var pass = 0; pass < 2; pass++)
        {
            var before = stem;
            foreach (var suffix in Suffixes)
            {
                if (stem.Length - suffix.Length >= 3 && stem.EndsWith(suffix, StringComparison.Ordinal))
                {
                    stem = stem[..^suffix.Length];
                    if (stem.EndsWith('i'))
                    {
                        stem = stem[..^1] + "y";
                    }

                    break;
                }
            }

            if (stem == before)
            {
                break;
            }
        }

        return stem.Length > 3 && stem[^1] == stem[^2] && !char.IsAsciiDigit(stem[^1]) ? stem[..^1] : stem;
    }

    private static readonly string[] Suffixes = ["ness", "ing", "ish", "ed", "ly", "es", "er", "y", "s", "e"];

    private static Break BreakOf(char c) => c switch
    {
        '.' or '!' or '?' or ';' or '\n' or '。' or '！' or '？' or '；' => Break.Sentence,
        ',' or '，' or '、' or ':' or '：' => Break.Pause,
        _ => Break.None,
    };

    private static void Flush(List<TextUnit> units, StringBuilder word, Break after)
    {
        if (word.Length == 0)
        {
            return;
        }

        var raw = word.ToString();
        word.Clear();
        units.Add(new TextUnit(char.IsAsciiDigit(raw[0]) ? raw : Stem(raw), raw, false, after));
    }

    private static Dictionary<char, char> BuildFold()
    {
        var fold = new Dictionary<char, char>
        {
            ['\u2019'] = '\'', ['\u2018'] = '\'', ['\u201C'] = '"', ['\u201D'] = '"', ['\u00B4'] = '\'', ['\u2032'] = '\'',
        };
        for (var i = 0; i < Traditional.Length; i++)
        {
            fold.TryAdd(Traditional[i], Simplified[i]);
        }

        return fold;
    }
}
