using System.Text.Json;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Tests.Shared;
using BackCareBot.Training;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>
/// The second net (dialogs/second-net/): it asks the confirming question for wordings the lexicons miss, leaves
/// ordinary stiffness alone, never routes, and the shipped model is what training on the corpus produces now.
/// </summary>
public sealed class SecondNetTests
{
    private static readonly WarningSignRecognizer RuleNet = new(ConversationDriver.Content);
    private static readonly RedFlagScreen Screen = new(ConversationDriver.Content);
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void The_shipped_model_is_what_training_produces_now(string locale)
    {
        var trained = SecondNetTrainer.Serialize(SecondNetTrainer.Train(Repo.Root, locale));

        // On a difference: dotnet run -c Release --project src/BackCareBot.Training (docs/understanding.md).
        Assert.True(trained == File.ReadAllText(SecondNetTrainer.PathOf(Repo.Root, locale)), $"dialogs/second-net/{locale}.json is not what training produces now: retrain it");
    }

    /// <summary>The bot reads its model straight from the file's bytes; it must score exactly as the file's objects do.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void The_model_read_from_its_bytes_scores_as_the_file_says(string locale)
    {
        var path = SecondNetTrainer.PathOf(Repo.Root, locale);
        var file = JsonSerializer.Deserialize<SecondNetFile>(File.ReadAllText(path), FileOptions)!;
        var expected = SignClassifier.From(file);
        var read = SecondNetReader.Read(path);

        Assert.Equal((file.Locale, file.Threshold), (read.Locale, read.Threshold));
        Assert.Equal(expected.Classes, read.Classes);
        Assert.Empty(read.Problems);
        var lines = Corpus.Locales.SelectMany(l => Corpus.Load(l).Concat(Corpus.LoadFresh(Corpus.BlindC, l))).Select(r => r.Text).ToList();
        Assert.True(lines.Count > 1000);
        var scored = 0;
        foreach (var text in lines)
        {
            var features = SignFeatures.Of(text);
            var best = read.Best(features);
            Assert.Equal(expected.Best(features), best);
            scored += best is { Margin: > -1 } ? 1 : 0;
        }

        Assert.True(scored > 0, "no line scored anywhere near a flag: the weights were not read");
    }

    [Theory]
    [InlineData("there's a new bump on my spine", "RF14")]
    [InlineData("my trousers are falling off and I haven't been dieting", "RF11")]
    public void A_wording_the_lexicons_miss_gets_the_confirming_question(string text, string flag)
    {
        Assert.Null(RuleNet.Recognize(text));

        var match = Screen.Recognize(text);

        Assert.Equal((flag, SignTier.Confirm), (match?.Flag.Id, match?.Tier));
        Assert.Null(Screen.Match(text));
    }

    [Fact]
    public async Task The_question_is_asked_once_and_no_goes_back_to_the_open_question()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no"]);

        var asked = Visible(await bot.SayAsync("there's a new bump on my spine"));
        Assert.Contains("Just to check", asked, StringComparison.Ordinal);
        Assert.Contains("Is there a new lump or swelling on your back?", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("A&E", asked, StringComparison.Ordinal);

        var resumed = Visible(await bot.SayAsync("no"));
        Assert.Contains("carry on", resumed, StringComparison.Ordinal);
        Assert.Contains("How do you usually sleep", resumed, StringComparison.Ordinal);

        var again = Visible(await bot.SayAsync("there's a new bump on my spine"));
        Assert.DoesNotContain("Just to check", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_to_the_question_routes_the_sign_at_its_level()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no"]);
        await bot.SayAsync("there's a new bump on my spine");

        var routed = Visible(await bot.SayAsync("yes"));

        Assert.Contains("Please speak to a doctor today, within 24 hours.", routed, StringComparison.Ordinal);
        Assert.DoesNotContain("How do you usually sleep", routed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my back is stiff in the morning but loosens up after a shower")]
    [InlineData("stiff as a board when I get up, fine by lunch")]
    [InlineData("早上起来腰有点僵，活动一下就好了")]
    public async Task Ordinary_morning_stiffness_gets_no_question(string text)
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no"]);

        var replies = Visible(await bot.SayAsync(text));

        Assert.DoesNotContain("Just to check", replies, StringComparison.Ordinal);
        Assert.Null(Screen.Recognize(text));
    }

    [Fact]
    public void A_flag_raised_before_is_not_proposed_again()
    {
        Assert.NotEqual("RF14", Screen.Recognize("there's a new bump on my spine", ["RF14"])?.Flag.Id);
    }

    /// <summary>Over every line of the corpora it may read: the second net adds only questions, and only where the rule net found nothing.</summary>
    [Fact]
    public void The_second_net_never_routes_and_never_overrides_the_rule_net()
    {
        foreach (var row in Corpus.Locales.SelectMany(l => Corpus.Load(l).Concat(Corpus.LoadFresh(Corpus.BlindC, l)).Concat(Corpus.LoadFresh(Corpus.BlindD, l))))
        {
            var rule = RuleNet.Recognize(row.Text);
            var screened = Screen.Recognize(row.Text);
            Assert.True(rule is null ? screened is null or { Tier: SignTier.Confirm } : screened == rule, $"{row.Locale} line {row.Line}");
            Assert.Equal(rule is { Tier: SignTier.Clear } ? rule.Flag : null, Screen.Match(row.Text));
        }
    }

    private static string Visible(IReadOnlyList<BotReply> replies) => string.Join("\n", replies.Select(r => r.Visible));
}
