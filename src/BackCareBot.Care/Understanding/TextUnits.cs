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
    private const string Traditional = "東絲習書亂舉侖傷兒淨幾剛劑勁勢區單臥衛厲廁髮變號聽噓團墜墊聲夾學層並開彎強總惡懨慣懶戰紮換擺數斷舊樹溝潑渾塗漸溫濕滾靈燙愛環現電暢癤盜盤著確礙穩紅紀紙細絆結絞緩縮翹腎脈腦膿臉節蟻螞襠見計認識話語讀敗費轉遠連遲適鈣鈍鍾鑽長陽陣階隱靜頂額顫飄飲駝騎騷雞齡齦龍況兇別製雙隻臺檯週喚睏盡乾幹託瀦痠牀鬍稱塊歲軟腫癢虧綁擔熱蓋覺灣蘇貼壞飯實爾麼邊錯嗎媽爺歡窩錢動尷漲頸頻頓順餓館歷曆樂幫當樣紋膚傳僅億們個還這說時點鐘過經後來頭體氣無沒從處馬質鬆擊問題帶嚴醫痺緣憂癥發燒兩條門圍暈腳脹噴車禍樓側間劇裡裏對陰莖褲難續緊壓悶虛減輕療藥針內囗";
    private const string Simplified = "东丝习书乱举仑伤儿净几刚剂劲势区单卧卫厉厕发变号听嘘团坠垫声夹学层并开弯强总恶恹惯懒战扎换摆数断旧树沟泼浑涂渐温湿滚灵烫爱环现电畅疖盗盘着确碍稳红纪纸细绊结绞缓缩翘肾脉脑脓脸节蚁蚂裆见计认识话语读败费转远连迟适钙钝钟钻长阳阵阶隐静顶额颤飘饮驼骑骚鸡龄龈龙况凶别制双只台台周唤困尽干干托潴酸床胡称块岁软肿痒亏绑担热盖觉湾苏贴坏饭实尔么边错吗妈爷欢窝钱动尴涨颈频顿顺饿馆历历乐帮当样纹肤传仅亿们个还这说时点钟过经后来头体气无没从处马质松击问题带严医痹缘忧症发烧两条门围晕脚胀喷车祸楼侧间剧里里对阴茎裤难续紧压闷虚减轻疗药针内口";
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

        // A doubled last letter goes ("running" = "run", "numbness" = "numb"), unless that makes another everyday word:
        // "butt" is not "but", so "numb hands but nothing else" does not read as numbness of the buttocks.
        return stem.Length > 3 && stem[^1] == stem[^2] && !char.IsAsciiDigit(stem[^1]) && !KeepDoubled.Contains(stem) ? stem[..^1] : stem;
    }

    private static readonly HashSet<string> KeepDoubled = new(["butt", "putt"], StringComparer.Ordinal);

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
