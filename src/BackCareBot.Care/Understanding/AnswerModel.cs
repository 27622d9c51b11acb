using System.Text.Json.Serialization;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Understanding;

/// <summary>dialogs/answers.json: for each question, the words people use for each answer and how numbers map to answers.</summary>
public sealed class AnswerFile
{
    public List<AnswerStep> Steps { get; set; } = [];

    /// <summary>Words that take back what came before them ("5, no actually 4", 5分，不对，4分): the answer after the last one counts.</summary>
    public AnswerPhrases Corrections { get; set; } = new();

    /// <summary>Regional and informal negations (木有, 莫得, 唔係) that answers also read, on top of concepts.json's: 木有怀孕 is no.</summary>
    public AnswerPhrases Negations { get; set; } = new();

    /// <summary>The words for yes, no and not sure that every yes/no question takes (consent, warning signs, the check-in offer).</summary>
    public AnswerYesNo YesNo { get; set; } = new();
}

/// <summary>answers.json's yesNo: the words for each of yes / no / unsure, and the words that shape them.</summary>
public sealed class AnswerYesNo
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string Unsure = "unsure";

    /// <summary>One entry each for yes, no and unsure: whole answers, and the words an answer may start with.</summary>
    public List<AnswerWords> Values { get; set; } = [];

    /// <summary>Words that only strengthen the answer after them: "definitely not" is no; alone they are yes.</summary>
    public AnswerPhrases Strengthen { get; set; } = new();

    /// <summary>Endings that make a short Chinese answer a no: a part named and fine (脚后跟没事, 脚跟不疼), a decline (测验就不用了).</summary>
    public AnswerPhrases NoEndings { get; set; } = new();

    /// <summary>Words that open an answer without being it: "hmm not sure", 嗯…不好说, 据我所知没有.</summary>
    public AnswerPhrases Openers { get; set; } = new();

    /// <summary>Words that close an answer without changing it: "nope, thanks", 木有怀孕哈, 不用了谢谢.</summary>
    public AnswerPhrases Closers { get; set; } = new();

    /// <summary>The words for one answer, both languages together (the recogniser does not depend on the locale).</summary>
    public IEnumerable<string> Words(string value) => Values.Where(v => v.Value == value).SelectMany(v => v.English.Concat(v.Chinese));

    public YesNoWords ToWords() => new(
        [.. Words(Yes)], [.. Words(No)], [.. Words(Unsure)],
        [.. Strengthen.English, .. Strengthen.Chinese], [.. NoEndings.English, .. NoEndings.Chinese])
    {
        Openers = [.. Openers.English, .. Openers.Chinese],
        Closers = [.. Closers.English, .. Closers.Chinese],
    };
}

/// <summary>Words in each language, without an answer of their own.</summary>
public sealed class AnswerPhrases
{
    [JsonPropertyName("en")]
    public List<string> English { get; set; } = [];

    [JsonPropertyName("zh-CN")]
    public List<string> Chinese { get; set; } = [];
}

public sealed class AnswerStep
{
    public string Step { get; set; } = "";

    /// <summary>choice (words only), minutes or days (a stated time span), years (an age), score (0-10) or yesno (a yes/no question's own words, read after the shared ones).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The answer to take when two different answers are named ("side, sometimes front" = it varies).</summary>
    public string? Mixed { get; set; }

    /// <summary>Without <see cref="Mixed"/>: which of two named answers wins, first = strongest ("left buttock" = buttock).</summary>
    public List<string> Precedence { get; set; } = [];

    /// <summary>Number bands in order: the first band whose <see cref="AnswerBand.Below"/> the number is under; the last has none.</summary>
    public List<AnswerBand> Bands { get; set; } = [];

    public List<AnswerWords> Values { get; set; } = [];

    /// <summary>Other questions with the same answers that take the same words (the check-in's stiffness question).</summary>
    public List<string> Also { get; set; } = [];

    /// <summary>
    /// Words that give an answer in a message that was not answering this question (what people say first): they
    /// name the context ("sleep on my side", not "side"), because out of context a word is easily misread.
    /// </summary>
    public List<AnswerWords> Heard { get; set; } = [];
}

public sealed class AnswerBand
{
    public string Value { get; set; } = "";

    public int? Below { get; set; }
}

public sealed class AnswerWords
{
    public string Value { get; set; } = "";

    [JsonPropertyName("en")]
    public List<string> English { get; set; } = [];

    [JsonPropertyName("zh-CN")]
    public List<string> Chinese { get; set; } = [];
}
