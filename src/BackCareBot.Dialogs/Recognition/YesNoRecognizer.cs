namespace BackCareBot.Dialogs.Recognition;

public enum YesNoAnswer
{
    Yes,
    No,
    Unsure,
}

/// <summary>Yes / no / not sure in English and Chinese, from a table of whole phrases and leading words.</summary>
public static class YesNoRecognizer
{
    private static readonly string[] UnsurePhrases =
    [
        "not sure", "unsure", "don't know", "dont know", "i don't know", "i dont know", "no idea", "maybe", "perhaps",
        "possibly", "not certain", "can't tell", "cant tell", "dunno", "idk", "i'm not sure", "im not sure",
        "不确定", "不知道", "说不准", "说不清", "可能", "也许", "不太确定", "不清楚", "或许", "不太清楚", "说不好",
    ];

    private static readonly string[] NoPhrases =
    [
        "no", "nope", "nah", "not really", "no thanks", "no thank you", "never", "none", "not at all", "negative", "n",
        "i don't", "i dont", "don't", "dont", "it doesn't", "it doesnt", "doesn't", "doesnt", "haven't", "havent",
        "i haven't", "no i don't", "not", "none of these", "none of them", "neither",
        "不用了", "不", "不是", "没有", "没", "否", "不对", "不会", "不用", "没有的", "都没有", "一个都没有", "以上都没有", "不要", "不行", "不需要",
        "算了", "没顾上", "没来得及", "没空", "好像没有", "应该没有",
    ];

    private static readonly string[] YesPhrases =
    [
        "yes", "yeah", "yep", "yup", "y", "sure", "ok", "okay", "of course", "correct", "right", "true", "i do", "i have",
        "it does", "does", "definitely", "absolutely", "affirmative", "yes please", "go on", "go ahead", "let's start", "lets start", "let's go", "lets go", "alright", "all right", "sounds good", "i agree", "agree", "agreed", "indeed",
        "是", "是的", "对", "对的", "有", "有的", "好", "好的", "嗯", "可以", "行", "同意", "我同意", "没错", "确实", "会", "需要", "要",
        "sometimes", "now and then", "a little", "a little bit", "a bit", "a little bit yes", "有时候", "有时候会", "有时会", "偶尔", "有点", "有一点", "好啊", "行啊", "确定", "会的",
    ];

    // Words that only make the answer after them stronger: "definitely not" is no, "肯定没有" is no; alone they are yes.
    private static readonly string[] Intensifiers = ["definitely ", "absolutely ", "certainly ", "really ", "肯定", "绝对", "当然", "真的"];

    // A short Chinese answer that names a part and says it is fine or does not help: "脚后跟没事", "脚跟不疼", "吃布洛芬没什么用" are no.
    private static readonly string[] FineEndings = ["没事", "没事儿", "没问题", "好好的", "不疼", "不痛", "没用", "没什么用"];

    public static YesNoAnswer? Recognize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        foreach (var word in Intensifiers)
        {
            if (normalized.Length > word.Length && normalized.StartsWith(word, StringComparison.Ordinal) && Recognize(normalized[word.Length..]) is YesNoAnswer.No)
            {
                return YesNoAnswer.No;
            }
        }

        foreach (var ending in FineEndings)
        {
            if (normalized.Length <= ending.Length + 4 && normalized.Length > ending.Length && normalized.EndsWith(ending, StringComparison.Ordinal) && TextNormalizer.IsCjk(normalized[0]))
            {
                return YesNoAnswer.No;
            }
        }

        // A whole-phrase match wins ("没错" is yes although it starts like "没"); then the most specific
        // lists first: "not sure" must not read as "no", "没有" not as "有".
        if (Array.IndexOf(YesPhrases, normalized) >= 0)
        {
            return YesNoAnswer.Yes;
        }

        if (Matches(normalized, UnsurePhrases))
        {
            return YesNoAnswer.Unsure;
        }

        if (Matches(normalized, NoPhrases))
        {
            return YesNoAnswer.No;
        }

        return Matches(normalized, YesPhrases) ? YesNoAnswer.Yes : ByClause(text!);
    }

    private static readonly char[] ClauseBreaks = [',', '，', '.', '。', '?', '？', '!', '！', ';', '；', '、'];

    /// <summary>
    /// An answer that opens or closes a longer message in a clause of its own: "好啊，提醒我" is yes, "不太清楚，可能我舅舅有"
    /// and "what's that? not sure" are not sure. The opening clause is read first.
    /// </summary>
    private static YesNoAnswer? ByClause(string text)
    {
        var clauses = text.Split(ClauseBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return clauses.Length < 2 ? null : Recognize(clauses[0]) ?? Recognize(clauses[^1]);
    }

    private static bool Matches(string normalized, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (normalized == phrase || normalized.StartsWith(phrase + " ", StringComparison.Ordinal))
            {
                return true;
            }

            // Chinese answers are often the phrase plus a few characters ("没有啊", "是的呢").
            if (TextNormalizer.IsCjk(phrase[0]) && normalized.StartsWith(phrase, StringComparison.Ordinal) && normalized.Length <= phrase.Length + 2)
            {
                return true;
            }
        }

        return false;
    }
}
