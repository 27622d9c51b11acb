using BackCareBot.Care.Understanding;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>A high temperature given as a reading (the measured concept temp38): 38 °C / 100.4 °F or more routes RF12.</summary>
public sealed class BodyTemperatureTests
{
    private static readonly WarningSignRecognizer Recognizer = new(ConversationDriver.Content);

    [Theory]
    [InlineData("早上量了39.2")]
    [InlineData("体温38度5")]
    [InlineData("昨晚三十九度二")]
    [InlineData("体温三十八点五度")]
    [InlineData("temp 38.9 this morning")]
    [InlineData("thermometer says 101.5")]
    [InlineData("39°C last night")]
    [InlineData("my temp was 39 when I woke up")]
    [InlineData("I have 39 degrees since yesterday")]
    [InlineData("I’m 39 degrees and shaking")]
    [InlineData("she's got 102 degrees")]
    [InlineData("woke up with a 39 degree fever")]
    [InlineData("running a 101 since last night")]
    [InlineData("我三十九度，腰疼")]
    [InlineData("昨晚39度的高烧")]
    public void A_high_reading_is_a_fever(string text)
    {
        var match = Recognizer.Recognize(text);

        Assert.Equal(("RF12", SignTier.Clear), (match?.Flag.Id, match?.Tier));
    }

    [Theory]
    [InlineData("it was 39 degrees in the bedroom last night")]
    [InlineData("外面38度，腰还是僵")]
    [InlineData("I weigh 38.5 kg")]
    [InlineData("体重38.5公斤")]
    [InlineData("38.5 weeks pregnant")]
    [InlineData("pain 7.5 out of 10")]
    [InlineData("stiff for 40 minutes")]
    [InlineData("I'm 39 and my back is stiff every morning")]
    [InlineData("I walked 39 degrees uphill")]
    [InlineData("we had 39 degrees outside yesterday")]
    [InlineData("我39岁，早上腰僵")]
    [InlineData("I bend about 40 degrees before it hurts")]
    [InlineData("running 40 minutes makes it better")]
    [InlineData("it's 39 degrees today and my back is stiff")]
    [InlineData("he is 40 and has a stiff back")]
    [InlineData("他弯腰能到40度")]
    public void Other_numbers_are_not_a_temperature(string text) =>
        Assert.DoesNotContain("temp38", Recognizer.Concepts(text));

    [Theory]
    [InlineData("my temp's 37.4")]
    [InlineData("体温36度8")]
    public void A_normal_reading_is_not_high(string text) =>
        Assert.DoesNotContain("temp38", Recognizer.Concepts(text));

    [Theory]
    [InlineData("thermometer says 36.8, back stiff as usual")]
    [InlineData("temp 98.6 this morning, just the usual stiffness")]
    [InlineData("量了体温，三十六度五，腰就是僵")]
    public void A_normal_reading_asks_nothing_about_a_temperature_word(string text)
    {
        Assert.Contains("temp_normal", Recognizer.Concepts(text));
        Assert.Null(Recognizer.Recognize(text));
    }

    [Theory]
    [InlineData("had a fever last night, 36.9 this morning")]
    [InlineData("昨晚发烧了，今早量了36.9")]
    public void A_normal_reading_after_a_fever_word_asks_rather_than_routes(string text) =>
        Assert.Equal(("RF12", SignTier.Confirm), (Recognizer.Recognize(text)?.Flag.Id, Recognizer.Recognize(text)?.Tier));

    [Fact]
    public void A_high_reading_with_feeling_very_unwell_is_the_sepsis_sign()
    {
        var match = Recognizer.Recognize("temp of 39.5 and I feel awful all over");

        Assert.Equal("RF12s", match?.Flag.Id);
    }
}
