using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests;

/// <summary>
/// Every card the bot can send (see <see cref="CardCatalog"/>), checked by what no one here wrote: the official 1.5
/// schema and the official renderer. The one allow-listed construct is Teams' own <c>msteams</c> card property,
/// which the official schema does not define: it is checked here and removed before the schema check.
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
        var cards = CardCatalog.All();
        var files = WriteAll(cards.Select(c => (c.Name, WithoutTeamsExtension(c.Card))));

        var (schemaExit, schemaOutput) = await NodeCheck.RunAsync(Repo.ReferenceFile("checks", "validate-card.js"), [Repo.ReferenceFile("adaptive-cards", "adaptive-card-1.5.schema.json"), .. files]);
        var (parseExit, parseOutput) = await NodeCheck.RunAsync(Repo.ReferenceFile("checks", "parse-card.js"), ["--version=1.5", .. files]);

        Assert.True(schemaExit == 0, schemaOutput);
        Assert.True(parseExit == 0, parseOutput);
        Assert.True(files.Count >= 150, $"only {files.Count} cards generated");
    }

    [Fact]
    public async Task The_checks_catch_a_broken_card()
    {
        var card = CardCatalog.All().First(c => c.Name.StartsWith("pain-", StringComparison.Ordinal)).Card.DeepClone().AsObject();
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
        var largest = CardCatalog.All().Max(c => Encoding.Unicode.GetByteCount(c.Card.ToJsonString()));

        Assert.InRange(largest, 1, TeamsLimitBytes);
    }

    [Fact]
    public void Teams_cards_use_universal_actions_with_a_submit_fallback_full_width_and_version_1_5()
    {
        foreach (var (name, card) in CardCatalog.All().Where(c => c.Name.EndsWith("-msteams", StringComparison.Ordinal)))
        {
            Assert.Equal("1.5", card["version"]!.GetValue<string>());
            Assert.Equal("Full", card["msteams"]?["width"]?.GetValue<string>());
            foreach (var action in Actions(card).Where(a => Type(a) is "Action.Execute" or "Action.Submit"))
            {
                Assert.True(Type(action) == "Action.Execute", $"{name}: {action.ToJsonString()}");
                var verb = action["verb"]!.GetValue<string>();
                var fallback = action["fallback"]!;
                Assert.Equal("Action.Submit", Type(fallback));
                Assert.Equal(verb, fallback["data"]!["verb"]!.GetValue<string>());
                Assert.Equal(action["title"]!.GetValue<string>(), fallback["title"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void Other_channels_get_action_submit_with_the_verb_in_the_data_and_no_teams_extension()
    {
        foreach (var (name, card) in CardCatalog.All().Where(c => c.Name.EndsWith("-webchat", StringComparison.Ordinal)))
        {
            Assert.Null(card["msteams"]);
            Assert.Null(card["refresh"]);
            Assert.DoesNotContain(Actions(card), a => Type(a) == "Action.Execute");
            Assert.All(Actions(card).Where(a => Type(a) == "Action.Submit"), a => Assert.False(string.IsNullOrEmpty(a["data"]?["verb"]?.GetValue<string>()), name));
        }
    }

    [Fact]
    public void Question_cards_carry_step_and_run_and_on_teams_refresh_for_the_user_only()
    {
        var questions = CardCatalog.All().Where(c => c.Name.StartsWith("question-", StringComparison.Ordinal) || c.Name.StartsWith("form-", StringComparison.Ordinal) || c.Name.StartsWith("pain-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(questions);
        foreach (var (name, card) in questions)
        {
            var answers = Actions(card).Where(a => Type(a) is "Action.Execute" or "Action.Submit").ToList();
            Assert.NotEmpty(answers);
            Assert.All(answers, a => Assert.Equal(CardCatalog.Run, a["data"]!["run"]!.GetValue<string>()));
            Assert.All(answers, a => Assert.False(string.IsNullOrEmpty(a["data"]!["step"]?.GetValue<string>()), name));
            if (name.EndsWith("-msteams", StringComparison.Ordinal))
            {
                var refresh = card["refresh"]!;
                Assert.Equal("refresh", refresh["action"]!["verb"]!.GetValue<string>());
                Assert.Equal([CardCatalog.TeamsUser], refresh["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public void Exercise_cards_carry_an_image_with_alt_text_sources_versions_and_the_three_feedback_buttons()
    {
        foreach (var (name, card) in CardCatalog.All().Where(c => c.Name.StartsWith("exercise", StringComparison.Ordinal)))
        {
            var body = card["body"]!.AsArray();
            var image = body.Single(e => Type(e!) == "Image")!;
            Assert.StartsWith($"{CardCatalog.ImageBase}/images/", image["url"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(image["altText"]?.GetValue<string>()), name);
            Assert.Contains(card["actions"]!.AsArray(), a => Type(a!) == "Action.OpenUrl");
            var toggles = Actions(card).Where(a => Type(a) == "Action.ToggleVisibility").SelectMany(a => a["targetElements"]!.AsArray().Select(t => t!.GetValue<string>())).ToList();
            Assert.Equal(["easier", "harder"], toggles);
            Assert.All(toggles, id => Assert.False(body.Single(e => e!["id"]?.GetValue<string>() == id)!["isVisible"]!.GetValue<bool>()));
            var verbs = Actions(card).Select(a => a["verb"]?.GetValue<string>() ?? a["data"]?["verb"]?.GetValue<string>()).OfType<string>().Distinct().ToList();
            Assert.Equal(name.Contains("-noted-", StringComparison.Ordinal) ? [] : ["exercise.done", "exercise.tooHard", "exercise.hurts"], verbs);
        }
    }

    /// <summary>Every action a user can press: in the card's, the action sets' and the show-cards' action lists.</summary>
    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o => o.Where(p => p.Key is not ("refresh" or "fallback")).SelectMany(p => p.Key == "actions" && p.Value is JsonArray list
            ? list.OfType<JsonObject>().SelectMany(a => (IEnumerable<JsonObject>)[a, .. Actions(a["card"])])
            : Actions(p.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    private static string? Type(JsonNode node) => node["type"]?.GetValue<string>();

    private static JsonObject WithoutTeamsExtension(JsonObject card)
    {
        var copy = card.DeepClone().AsObject();
        copy.Remove("msteams");
        return copy;
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
