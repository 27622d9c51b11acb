using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>The yes/no phrasing table: what people type, in English and Chinese, read with the words of answers.json's yesNo.</summary>
public class YesNoWordsTests
{
    public static TheoryData<string, YesNoAnswer?> YesNo() => new()
    {
        { "yes", YesNoAnswer.Yes }, { "Yes", YesNoAnswer.Yes }, { "YES!", YesNoAnswer.Yes }, { "yeah", YesNoAnswer.Yes },
        { "yep", YesNoAnswer.Yes }, { "yup", YesNoAnswer.Yes }, { "y", YesNoAnswer.Yes }, { "sure", YesNoAnswer.Yes },
        { "ok", YesNoAnswer.Yes }, { "okay", YesNoAnswer.Yes }, { "of course", YesNoAnswer.Yes }, { "correct", YesNoAnswer.Yes },
        { "I do", YesNoAnswer.Yes }, { "i have", YesNoAnswer.Yes }, { "yes please", YesNoAnswer.Yes }, { "I agree", YesNoAnswer.Yes },
        { "definitely", YesNoAnswer.Yes }, { "yes, it does", YesNoAnswer.Yes }, { "Yes.", YesNoAnswer.Yes }, { "absolutely", YesNoAnswer.Yes },
        { "是", YesNoAnswer.Yes }, { "是的", YesNoAnswer.Yes }, { "对", YesNoAnswer.Yes }, { "对的", YesNoAnswer.Yes },
        { "有", YesNoAnswer.Yes }, { "有的", YesNoAnswer.Yes }, { "好", YesNoAnswer.Yes }, { "好的", YesNoAnswer.Yes },
        { "嗯", YesNoAnswer.Yes }, { "可以", YesNoAnswer.Yes }, { "同意", YesNoAnswer.Yes }, { "没错", YesNoAnswer.Yes },
        { "是的呢", YesNoAnswer.Yes }, { "是。", YesNoAnswer.Yes },
        { "no", YesNoAnswer.No }, { "No", YesNoAnswer.No }, { "NO!", YesNoAnswer.No }, { "nope", YesNoAnswer.No },
        { "nah", YesNoAnswer.No }, { "not really", YesNoAnswer.No }, { "no thanks", YesNoAnswer.No }, { "never", YesNoAnswer.No },
        { "none", YesNoAnswer.No }, { "not at all", YesNoAnswer.No }, { "n", YesNoAnswer.No }, { "I don't", YesNoAnswer.No },
        { "no, it doesn't", YesNoAnswer.No }, { "none of these", YesNoAnswer.No }, { "neither", YesNoAnswer.No }, { "haven't", YesNoAnswer.No },
        { "不", YesNoAnswer.No }, { "不是", YesNoAnswer.No }, { "没有", YesNoAnswer.No }, { "没", YesNoAnswer.No },
        { "否", YesNoAnswer.No }, { "不对", YesNoAnswer.No }, { "都没有", YesNoAnswer.No }, { "以上都没有", YesNoAnswer.No },
        { "没有啊", YesNoAnswer.No }, { "不会", YesNoAnswer.No }, { "不要", YesNoAnswer.No },
        { "not sure", YesNoAnswer.Unsure }, { "I'm not sure", YesNoAnswer.Unsure }, { "unsure", YesNoAnswer.Unsure }, { "don't know", YesNoAnswer.Unsure },
        { "I don't know", YesNoAnswer.Unsure }, { "maybe", YesNoAnswer.Unsure }, { "no idea", YesNoAnswer.Unsure }, { "dunno", YesNoAnswer.Unsure },
        { "不确定", YesNoAnswer.Unsure }, { "不知道", YesNoAnswer.Unsure }, { "说不清", YesNoAnswer.Unsure }, { "可能", YesNoAnswer.Unsure },
        { "好啊，提醒我", YesNoAnswer.Yes }, { "sometimes, yeah", YesNoAnswer.Yes }, { "what's that? not sure", YesNoAnswer.Unsure },
        { "不太清楚，可能我舅舅有", YesNoAnswer.Unsure }, { "脚跟不疼", YesNoAnswer.No }, { "吃布洛芬没什么用", YesNoAnswer.No },
        { "hmm, not sure", YesNoAnswer.Unsure }, { "嗯…不好说", YesNoAnswer.Unsure }, { "嗯，是的", YesNoAnswer.Yes },
        { "nope, thanks", YesNoAnswer.No }, { "木有哈", YesNoAnswer.No }, { "测验就不用了谢谢", YesNoAnswer.No }, { "这次先算了", YesNoAnswer.No },
        { "never heard of it, not sure", YesNoAnswer.Unsure }, { "I don’t know", YesNoAnswer.Unsure }, { "不可能", YesNoAnswer.No },
        { "不太清楚家里人有没有", YesNoAnswer.Unsure }, { "nothing new", YesNoAnswer.No }, { "aye", YesNoAnswer.Yes }, { "係啊", YesNoAnswer.Yes },
        { "没有啊 真的没有", YesNoAnswer.No }, { "是的 偶尔会", YesNoAnswer.Yes }, { "行啊 来吧", YesNoAnswer.Yes },
        { "", null }, { "   ", null }, { "🙂", null }, { "banana", null }, { "purple elephant", null }, { "???", null }, { "banana, purple elephant", null },
    };

    [Theory]
    [MemberData(nameof(YesNo))]
    public void Yes_no_phrasings(string text, YesNoAnswer? expected) => Assert.Equal(expected, ConversationDriver.Content.YesNo.Recognize(text));

    /// <summary>A yes/no question's own words (answers.json, kind yesno), read after the shared ones: a yes word denied is a no.</summary>
    [Theory]
    [InlineData("spine_surgery", "I had back surgery in 2015", YesNoAnswer.Yes)]
    [InlineData("spine_surgery", "never been operated on", YesNoAnswer.No)]
    [InlineData("spine_surgery", "腰从来没动过手术", YesNoAnswer.No)]
    [InlineData("spine_surgery", "手术没做过", YesNoAnswer.No)]
    [InlineData("nsaid_helped", "ibuprofen didn't help much", YesNoAnswer.No)]
    [InlineData("nsaid_helped", "吃了布洛芬好多了", YesNoAnswer.Yes)]
    [InlineData("heel_pain", "heels are fine", YesNoAnswer.No)]
    [InlineData("heel_pain", "脚后跟好好的", YesNoAnswer.No)]
    [InlineData("buttock_pain", "屁股好好的", YesNoAnswer.No)]
    [InlineData("pregnant", "木有怀上", YesNoAnswer.No)]
    [InlineData("forget_confirm", "别删", YesNoAnswer.No)]
    [InlineData("night_waking", "一觉睡到天亮", YesNoAnswer.No)]
    [InlineData("offer_quiz", "不做测验了", YesNoAnswer.No)]
    [InlineData("consent", "the weather is nice", null)]
    [InlineData("foot_weak", "没有力气", YesNoAnswer.Yes)]
    [InlineData("foot_weak", "越来越没力气了", YesNoAnswer.Yes)]
    [InlineData("foot_weak", "no strength in it", YesNoAnswer.Yes)]
    [InlineData("foot_weak", "not much strength lately", YesNoAnswer.Yes)]
    [InlineData("foot_weak", "使不上劲", YesNoAnswer.Yes)]
    [InlineData("foot_weak", "no weakness", YesNoAnswer.No)]
    [InlineData("foot_weak", "没有，力气正常", YesNoAnswer.No)]
    [InlineData("foot_weak", "no, it's fine", YesNoAnswer.No)]
    [InlineData("leg_numb", "no feeling in it", YesNoAnswer.Yes)]
    [InlineData("leg_numb", "没知觉", YesNoAnswer.Yes)]
    [InlineData("leg_numb", "no numbness", YesNoAnswer.No)]
    [InlineData("leg_numb", "没有", YesNoAnswer.No)]
    [InlineData("rf03b", "没知觉", YesNoAnswer.Yes)]
    [InlineData("rf03b", "I can't feel anything when I wipe", YesNoAnswer.Yes)]
    [InlineData("rf03b", "no, feels normal", YesNoAnswer.No)]
    [InlineData("rf04b", "I don't feel it any more", YesNoAnswer.Yes)]
    [InlineData("rf04b", "不知道什么时候该小便了", YesNoAnswer.Yes)]
    [InlineData("rf04b", "no", YesNoAnswer.No)]
    [InlineData("rf16", "没有力气", YesNoAnswer.Yes)]
    [InlineData("rf06", "两条腿都没力气", YesNoAnswer.Yes)]
    [InlineData("rf07", "没什么感觉了", YesNoAnswer.Yes)]
    [InlineData("rf07", "没有", YesNoAnswer.No)]
    public void A_question_reads_its_own_words(string step, string text, YesNoAnswer? expected) =>
        Assert.Equal(expected, new TypedAnswers(ConversationDriver.Content).YesNo(step, text));

    [Fact]
    public void A_word_added_to_the_content_is_read_and_strengthened()
    {
        var words = ConversationDriver.Content.Answers.YesNo.ToWords();
        var recognizer = new YesNoRecognizer(words with { No = [.. words.No, "nay"] });

        Assert.Null(ConversationDriver.Content.YesNo.Recognize("nay"));
        Assert.Equal(YesNoAnswer.No, recognizer.Recognize("Nay!"));
        Assert.Equal(YesNoAnswer.No, recognizer.Recognize("definitely nay"));
    }
}
