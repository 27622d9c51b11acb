using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackCareBot.Care.Tests;

/// <summary>
/// Replays every transcript in Transcripts/ (one persona of clinical-cases.md each) against the bot.
/// A transcript is data: turns of "say" (one or more messages) or "submit" (a card button), each with what the
/// bot must and must not show in its replies to that turn.
/// </summary>
public class TranscriptTests
{
    /// <summary>Shorthands for the common opening: consent, an adult, not pregnant, no spine surgery; five "no"s to the red-flag groups.</summary>
    private static readonly Dictionary<string, string[]> Macros = new(StringComparer.Ordinal)
    {
        ["@start"] = ["hi", "yes", "16 to 49", "no", "no"],
        ["@start-zh"] = ["你好", "是", "16到49岁", "没有", "没有"],
        ["@no-flags"] = ["no", "no", "no", "no", "no"],
        ["@no-flags-zh"] = ["没有", "没有", "没有", "没有", "没有"],
    };

    /// <summary>Every key a transcript may use, so a misspelt check fails instead of silently checking nothing.</summary>
    private static readonly HashSet<string> TranscriptKeys = new(["persona", "locale", "neverExercises", "turns"], StringComparer.Ordinal);
    private static readonly HashSet<string> TurnKeys = new(["say", "submit", "expect"], StringComparer.Ordinal);
    private static readonly HashSet<string> ExpectKeys = new(
        ["says", "notSays", "exercises", "notExercises", "onlyExercises", "noExerciseCards", "buttons", "firstSays", "dose"], StringComparer.Ordinal);

    public static TheoryData<string> Transcripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Transcripts"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public Task Persona_transcript(string file) =>
        RunAsync(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", file)))!.AsObject(), file);

    [Theory]
    [InlineData("""{ "turns": [ { "say": "hi", "expect": { "say": "Hello" } } ] }""", "unknown expect key 'say'")]
    [InlineData("""{ "turns": [ { "says": "hi" } ] }""", "unknown turn key 'says'")]
    [InlineData("""{ "locales": "en-GB", "turns": [] }""", "unknown transcript key 'locales'")]
    public async Task A_misspelt_key_fails_the_transcript(string json, string message)
    {
        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => RunAsync(JsonNode.Parse(json)!.AsObject(), "misspelt.json"));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    private static async Task RunAsync(JsonObject transcript, string file)
    {
        RejectUnknownKeys(transcript, TranscriptKeys, "transcript", file);
        var driver = new ConversationDriver(locale: transcript["locale"]?.GetValue<string>() ?? "en-GB");
        var neverExercises = transcript["neverExercises"]?.GetValue<bool>() == true;
        var turnNumber = 0;
        foreach (var turn in transcript["turns"]!.AsArray())
        {
            turnNumber++;
            var where = $"{file}, turn {turnNumber}";
            RejectUnknownKeys(turn!.AsObject(), TurnKeys, "turn", where);
            var replies = new List<BotReply>();
            foreach (var message in Messages(turn["say"]))
            {
                replies.AddRange(await driver.SayAsync(message));
            }

            if (turn["submit"] is JsonObject submit)
            {
                replies.AddRange(await driver.SubmitAsync(submit.DeepClone().AsObject()));
            }

            Check(turn["expect"] as JsonObject, replies, where);
            if (neverExercises)
            {
                Assert.True(!replies.SelectMany(r => r.Exercises).Any(), $"{where}: an exercise card was shown after a red flag");
            }
        }
    }

    private static IEnumerable<string> Messages(JsonNode? say) => say switch
    {
        null => [],
        JsonValue v => Expand(v.GetValue<string>()),
        JsonArray a => a.SelectMany(m => Expand(m!.GetValue<string>())),
        _ => throw new InvalidDataException("say must be a string or an array"),
    };

    private static string[] Expand(string message) => Macros.TryGetValue(message, out var expanded) ? expanded : [message];

    private static void Check(JsonObject? expect, List<BotReply> replies, string where)
    {
        if (expect is null)
        {
            return;
        }

        RejectUnknownKeys(expect, ExpectKeys, "expect", where);
        var visible = string.Join("\n---\n", replies.Select(r => r.Visible));
        var exercises = replies.SelectMany(r => r.Exercises).ToList();
        foreach (var text in Strings(expect["says"]))
        {
            Assert.True(visible.Contains(text, StringComparison.OrdinalIgnoreCase), $"{where}: expected \"{text}\" in:\n{visible}");
        }

        foreach (var text in Strings(expect["notSays"]))
        {
            Assert.False(visible.Contains(text, StringComparison.OrdinalIgnoreCase), $"{where}: did not expect \"{text}\" in:\n{visible}");
        }

        foreach (var id in Strings(expect["exercises"]))
        {
            Assert.True(exercises.Contains(id), $"{where}: expected exercise card {id}; got [{string.Join(", ", exercises)}]");
        }

        foreach (var id in Strings(expect["notExercises"]))
        {
            Assert.False(exercises.Contains(id), $"{where}: did not expect exercise card {id}");
        }

        if (expect["onlyExercises"] is JsonArray only)
        {
            Assert.Equal(only.Select(o => o!.GetValue<string>()).Order(StringComparer.Ordinal), exercises.Order(StringComparer.Ordinal));
        }

        if (expect["noExerciseCards"]?.GetValue<bool>() == true)
        {
            Assert.True(exercises.Count == 0, $"{where}: expected no exercise cards; got [{string.Join(", ", exercises)}]");
        }

        if (expect["buttons"] is JsonArray buttons)
        {
            var last = replies.LastOrDefault(r => r.Buttons.Count > 0);
            Assert.True(last is not null, $"{where}: expected buttons");
            Assert.Equal(buttons.Select(b => b!.GetValue<string>()), last!.Buttons);
        }

        if (expect["firstSays"] is JsonValue first)
        {
            Assert.Contains(first.GetValue<string>(), replies.First().Visible, StringComparison.OrdinalIgnoreCase);
        }

        if (expect["dose"] is JsonObject doses)
        {
            foreach (var (exerciseId, dose) in doses)
            {
                var card = replies.Where(r => r.Exercises.Contains(exerciseId)).Select(r => r.Visible).FirstOrDefault();
                Assert.True(card is not null, $"{where}: no card for {exerciseId}");
                Assert.True(card!.Contains(dose!.GetValue<string>(), StringComparison.OrdinalIgnoreCase), $"{where}: {exerciseId} dose should contain \"{dose}\":\n{card}");
            }
        }
    }

    private static void RejectUnknownKeys(JsonObject node, HashSet<string> known, string what, string where)
    {
        foreach (var (key, _) in node)
        {
            Assert.True(known.Contains(key), $"{where}: unknown {what} key '{key}'");
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonValue v => [v.GetValue<string>()],
        JsonArray a => a.Select(x => x!.GetValue<string>()),
        _ => [],
    };
}
