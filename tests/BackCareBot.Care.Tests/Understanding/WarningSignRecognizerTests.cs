using BackCareBot.Care.Understanding;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>The recogniser's rules one at a time: negation scope, hedges, typing, look-alikes, tiers.</summary>
public sealed class WarningSignRecognizerTests
{
    private static readonly WarningSignRecognizer Recognizer = new(ConversationDriver.Content);

    [Theory]
    [InlineData("no numbness or weakness")]
    [InlineData("I don't have a fever, no chills either")]
    [InlineData("没有麻木也没有无力")]
    [InlineData("小便没问题")]
    [InlineData("I'm painting the bedroom today")]
    [InlineData("I fell asleep on the sofa")]
    [InlineData("I can't bend down to put my socks on for the first hour")]
    [InlineData("numb hands but nothing else")]
    [InlineData("my toes tingle but only in the cold")]
    public void Negated_and_ordinary_messages_raise_nothing(string text) => Assert.Null(Recognizer.Recognize(text));

    [Theory]
    [InlineData("No. Chest pain.", "RF01")]
    [InlineData("no fever yesterday but today I'm burning up", "RF12")]
    [InlineData("昨天没发烧今天烧起来了", "RF12")]
    [InlineData("I think my bum is a bit numb", "RF03")]
    [InlineData("好像屁股有点麻", "RF03")]
    [InlineData("I can’t pee", "RF04")]
    [InlineData("numbess in my groin", "RF03")]
    [InlineData("I have a fevor", "RF12")]
    [InlineData("my bum is nmub", "RF03")]
    [InlineData("i cnat pee", "RF04")]
    [InlineData("both legz are numb", "RF06")]
    [InlineData("我發燒了", "RF12")]
    [InlineData("兩條腿都麻", "RF06")]
    [InlineData("my butt is numb", "RF03")]
    public void Signs_said_in_everyday_words_route_at_once(string text, string flag)
    {
        var match = Recognizer.Recognize(text);

        Assert.Equal((flag, SignTier.Clear), (match?.Flag.Id, match?.Tier));
    }

    [Theory]
    [InlineData("I've got hay fever", "RF12")]
    [InlineData("both legs ache after I lie in", "RF06")]
    [InlineData("I feel a bit dizzy", "RF02")]
    [InlineData("it hurts all the time", "RF13")]
    [InlineData("numb bum from sitting on a hard chair at the match", "RF03")]
    public void Partial_or_look_alike_signs_ask_first(string text, string flag)
    {
        var match = Recognizer.Recognize(text);

        Assert.Equal((flag, SignTier.Confirm), (match?.Flag.Id, match?.Tier));
    }

    [Fact]
    public void A_flag_raised_earlier_completes_a_combination()
    {
        Assert.Equal(SignTier.Confirm, Recognizer.Recognize("now I can't stand up")!.Tier);
        Assert.Equal(("RF09b", SignTier.Clear), (Recognizer.Recognize("now I can't stand up", ["RF09"])!.Flag.Id, Recognizer.Recognize("now I can't stand up", ["RF09"])!.Tier));
    }

    [Theory]
    [InlineData("bakc", "back")]
    [InlineData("nmub", "numb")]
    [InlineData("lges", "legs")]
    [InlineData("nunb", "nunb")] // a letter changed, not two swapped: four letters are too few to guess
    [InlineData("abck", "abck")] // the first letter is kept
    [InlineData("form", "form")] // a real word that is "from" with two letters swapped
    [InlineData("lots", "lots")] // ... and "lost"
    public void A_four_letter_word_is_corrected_only_for_two_swapped_letters(string typed, string read)
    {
        var lexicon = new Lexicon(ConversationDriver.Content.Concepts);
        var units = TextUnits.Split(typed);

        lexicon.Correct(units);

        Assert.Equal(TextUnits.Split(read)[0].Key, units[0].Key);
    }

    [Theory]
    [InlineData("she fell right down the stairs", "RF08")] // a filler inside a phrase
    [InlineData("衣服都变松了", "RF11")] // ... in Chinese
    [InlineData("尿出来自己不知道", "RF04")] // a Chinese phrase written with a filler (自己都不知道) matches without it
    [InlineData("是不是发烧了", "RF12")] // an A-not-A question is not a negation
    [InlineData("双腿发木走不稳", "RF06")] // nor is 不 inside a verb and its complement
    [InlineData("my mum's 82 and she slipped on the ice", "RF09")] // an age said for a relative
    [InlineData("just turned 60 and never had a bad back until now", "RF17")]
    [InlineData("刚满六十，腰第一次疼", "RF17")]
    [InlineData("今年66，头一次腰疼", "RF17")]
    [InlineData("both her legs have gone numb", "RF06")] // a carer typing: her = my
    public void Signs_in_the_forms_people_type_route_at_once(string text, string flag)
    {
        var match = Recognizer.Recognize(text);

        Assert.Equal((flag, SignTier.Clear), (match?.Flag.Id, match?.Tier));
    }

    [Theory]
    [InlineData("以前没发烧过")] // a concept ending in a negation (以前没, new) still negates what follows
    [InlineData("从来没发烧")]
    [InlineData("I bent forward at 90 degrees and slipped")] // "at 90 degrees" is not an age
    [InlineData("my laptop crashed and my back's sore from hunching")]
    [InlineData("feel like I've been hit by a bus every morning")]
    [InlineData("胸罩太紧，背有点疼")]
    public void Look_alikes_of_the_new_forms_raise_nothing(string text) => Assert.Null(Recognizer.Recognize(text));

    [Fact]
    public void An_age_in_years_old_is_not_a_time_span() => Assert.DoesNotContain("weeks4", Recognizer.Concepts("I'm 62 years old and it's no better"));
}
