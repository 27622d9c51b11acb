using BackCareBot.Care.Understanding;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>
/// Whose sign, and when: an accident years ago and another person's fever ask the flag's question instead of routing
/// (issue 13: ordinary morning stiffness is never sent to A&amp;E; when unsure, ask), while a recent event, a sign the
/// user shares and a carer typing for the patient still route at once.
/// </summary>
public sealed class WhoseAndWhenTests
{
    private static readonly WarningSignRecognizer Recognizer = new(ConversationDriver.Content);

    [Theory]
    [InlineData("had a bad car accident in 2015, morning stiffness ever since", "RF08")]
    [InlineData("I crashed my bike ten years ago and my back has been stiff in the mornings ever since", "RF08")]
    [InlineData("fell off a ladder as a teenager, stiff every morning now", "RF08")]
    [InlineData("十年前出过车祸，之后腰一直不好，早上僵", "RF08")]
    [InlineData("2015年从梯子上摔下来过，现在早上腰僵", "RF08")]
    [InlineData("小时候从树上摔下来过，现在腰早上僵", "RF08")]
    [InlineData("年轻时出过车祸，现在早上腰硬", "RF08")]
    [InlineData("had pneumonia years ago and my back's stiff in the mornings", "RF12b")]
    [InlineData("fell off a ladder years ago, this morning my back is stiff again", "RF08")] // "this morning" is when it is stiff
    [InlineData("十年前出过车祸，今天早上腰又僵了", "RF08")]
    public void An_event_years_ago_asks_its_question(string text, string flag) => AssertTier(text, flag, SignTier.Confirm);

    [Theory]
    [InlineData("I crashed my car yesterday and my back is killing me", "RF08")]
    [InlineData("I crashed my bike ten years ago and again yesterday, my back is killing me", "RF08")]
    [InlineData("上周出了车祸，腰疼", "RF08")]
    [InlineData("好多年前出过车祸，昨天又被追尾了，腰疼", "RF08")]
    [InlineData("had breast cancer years ago, now my back aches every morning", "RF10")] // a history of cancer counts however old
    [InlineData("十年前得过乳腺癌，现在早上腰疼", "RF10")]
    [InlineData("三年前列腺癌手术", "RF10")] // 年前 inside 前列腺 is not "years ago"
    public void A_recent_event_or_past_cancer_still_routes(string text, string flag) => AssertTier(text, flag, SignTier.Clear);

    [Theory]
    [InlineData("my husband has a fever and I've got my usual morning stiffness", "RF12")]
    [InlineData("the kids all had fevers last week, now my back aches after nursing them", "RF12")]
    [InlineData("I'm knackered, my toddler had a fever all night and my back is stiff", "RF12")]
    [InlineData("老公发烧了，我腰还是早上僵", "RF12")]
    [InlineData("孩子发高烧，我抱了一晚上腰酸", "RF12")]
    [InlineData("同事都发烧请假了，我就是腰早上僵", "RF12")] // 我就是 is not 我也是 with a filler
    [InlineData("my dad is confused", "RF12s")]
    [InlineData("my dad keeps saying strange things", "RF12s")]
    [InlineData("my son had a chest infection and I'm stiff", "RF12b")]
    [InlineData("my husband is on chemo, my back is stiff in the morning", "RF20")]
    public void Another_persons_sign_asks_about_the_user(string text, string flag) => AssertTier(text, flag, SignTier.Confirm);

    [Theory]
    [InlineData("we've both got a fever", "RF12")]
    [InlineData("me and the kids all have a temperature", "RF12")]
    [InlineData("my husband and I both have a fever", "RF12")]
    [InlineData("孩子和我都发烧", "RF12")]
    [InlineData("老公发烧了，我也发烧", "RF12")]
    [InlineData("my mum has a fever and her back is agony", "RF12")] // a carer typing for the patient
    [InlineData("asking for my dad, he's got a fever and can't get comfy", "RF12")]
    [InlineData("我妈发烧了，她的腰疼得厉害", "RF12")]
    [InlineData("帮我爸问一下，他发烧了", "RF12")]
    [InlineData("my mum (82) fell and can't get up", "RF09b")]
    [InlineData("my husband has a fever and he won't wake up properly", "RF12s")] // someone with fever and drowsy is gravely ill, whoever it is
    [InlineData("发高烧，爷爷连家人都认不出了", "RF12s")]
    [InlineData("我妈发烧，连今天周几都不知道了，腰也疼", "RF12s")]
    [InlineData("burning up and talking nonsense, says my wife", "RF12s")] // the user's sign, noticed by another
    [InlineData("孩子额头滚烫，一直喊腰疼", "RF12")] // the child is the one with the back pain
    [InlineData("typing for my nan, she slipped on the ice", "RF09")]
    public void A_shared_sign_or_the_patients_own_still_routes(string text, string flag) => AssertTier(text, flag, SignTier.Clear);

    [Fact]
    public void A_year_counts_as_long_ago_only_two_years_back_and_as_a_time()
    {
        var units = TextUnits.Split("back in 2015");
        Assert.True(StoryMeasures.PastYear(units, new DateTime(2026, 12, 4)));
        Assert.False(StoryMeasures.PastYear(units, new DateTime(2016, 1, 1)));
        Assert.False(StoryMeasures.PastYear(TextUnits.Split("I walked 2015 steps"), new DateTime(2026, 12, 4)));
    }

    private static void AssertTier(string text, string flag, SignTier tier)
    {
        var match = Recognizer.Recognize(text);

        Assert.Equal((flag, tier), (match?.Flag.Id, match?.Tier));
    }
}
