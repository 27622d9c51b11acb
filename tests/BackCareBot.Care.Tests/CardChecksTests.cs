using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Localization;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests;

/// <summary>
/// Every card the bot can send (each exercise at each dose, each question card, the pain input, the answered
/// summary) in both languages, checked by what no one here wrote: the official 1.5 schema and the official renderer.
/// </summary>
public sealed class CardChecksTests : IDisposable
{
    private const int TeamsLimitBytes = 80 * 1024;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bcb-cards-" + Guid.NewGuid().ToString("N"));

    public CardChecksTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Every_card_validates_against_the_1_5_schema_and_parses_without_warnings()
    {
        var files = WriteAll(AllCards());

        var (schemaExit, schemaOutput) = await NodeCheck.RunAsync(Repo.ReferenceFile("checks", "validate-card.js"), [Repo.ReferenceFile("adaptive-cards", "adaptive-card-1.5.schema.json"), .. files]);
        var (parseExit, parseOutput) = await NodeCheck.RunAsync(Repo.ReferenceFile("checks", "parse-card.js"), ["--version=1.5", .. files]);

        Assert.True(schemaExit == 0, schemaOutput);
        Assert.True(parseExit == 0, parseOutput);
        Assert.True(files.Count >= 40, $"only {files.Count} cards generated");
    }

    [Fact]
    public async Task The_checks_catch_a_broken_card()
    {
        var card = AllCards().First(c => c.Name.StartsWith("pain-", StringComparison.Ordinal)).Card.DeepClone().AsObject();
        card["body"]![1]!.AsObject().Remove("id");
        card["body"]![0]!["size"] = "huge";
        var file = WriteAll([("broken", card)]);

        var (schemaExit, _) = await NodeCheck.RunAsync(Repo.ReferenceFile("checks", "validate-card.js"), [Repo.ReferenceFile("adaptive-cards", "adaptive-card-1.5.schema.json"), .. file]);
        var (parseExit, _) = await NodeCheck.RunAsync(Repo.ReferenceFile("checks", "parse-card.js"), ["--version=1.5", .. file]);

        Assert.NotEqual(0, schemaExit);
        Assert.NotEqual(0, parseExit);
    }

    [Fact]
    public void The_largest_card_stays_under_the_teams_message_limit()
    {
        var largest = AllCards().Max(c => Encoding.Unicode.GetByteCount(c.Card.ToJsonString()));

        Assert.InRange(largest, 1, TeamsLimitBytes);
    }

    [Fact]
    public void Exercise_cards_carry_an_image_with_alt_text_sources_and_the_three_feedback_buttons()
    {
        foreach (var (name, card) in AllCards().Where(c => c.Name.StartsWith("exercise", StringComparison.Ordinal)))
        {
            var image = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Image")!;
            Assert.StartsWith("https://bot.example/images/", image["url"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(image["altText"]?.GetValue<string>()), name);
            var actions = card["actions"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()).ToList();
            Assert.Contains("Action.OpenUrl", actions);
            Assert.Equal(2, actions.Count(a => a == "Action.ShowCard"));
            var buttons = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "ActionSet")!["actions"]!.AsArray();
            Assert.Equal(["exercise.done", "exercise.tooHard", "exercise.hurts"], buttons.Select(b => b!["data"]!["verb"]!.GetValue<string>()));
            Assert.Equal("1.5", card["version"]!.GetValue<string>());
        }
    }

    private static List<(string Name, JsonObject Card)> AllCards()
    {
        var content = ConversationDriver.Content;
        var localizer = new Localizer(content);
        var cards = new CareCards(content, localizer, "https://bot.example");
        var list = new List<(string, JsonObject)>();
        foreach (var locale in new[] { Localizer.English, Localizer.Chinese })
        {
            foreach (var exercise in content.Exercises.Exercises)
            {
                list.Add(($"exercise-{exercise.Id}-standard-{locale}", cards.Exercise(locale, new PlannedExercise(exercise, exercise.Dose.Standard!, false))));
                list.Add(($"exercise-{exercise.Id}-gentle-{locale}", cards.Exercise(locale, new PlannedExercise(exercise, exercise.Dose.Gentle!, true))));
            }

            foreach (var step in content.Flows.Values.SelectMany(f => f.Steps))
            {
                if (step.Kind == StepKinds.Choice)
                {
                    list.Add(($"question-{step.Id}-{locale}", cards.Choice(locale, step, localizer.Text(locale, step.Prompt!), step.Choices!)));
                }
                else if (step.Kind == StepKinds.Number)
                {
                    list.Add(($"pain-{step.Id}-{locale}", cards.Number(locale, step, localizer.Text(locale, step.Prompt!))));
                }
            }

            list.Add(($"answered-{locale}", cards.Answered(locale, localizer.Text(locale, "choice.sleep_position.side"))));
        }

        return list;
    }

    private List<string> WriteAll(IEnumerable<(string Name, JsonObject Card)> cards)
    {
        var files = new List<string>();
        foreach (var (name, card) in cards)
        {
            var file = Path.Combine(_folder, name + ".json");
            File.WriteAllText(file, card.ToJsonString());
            files.Add(file);
        }

        return files;
    }
}
