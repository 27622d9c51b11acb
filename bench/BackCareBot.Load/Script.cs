using System.Text;
using System.Text.Json.Nodes;

namespace BackCareBot.Load;

/// <summary>One step of the scripted conversation: the activity the user's channel posts, and a phrase one of the replies must hold.</summary>
public sealed record ScriptTurn(string Template, byte[][] Expected, string ExpectedText, bool Invoke)
{
    /// <summary>True when every expected phrase is in one of the replies.</summary>
    public bool AnsweredBy(List<byte[]> replies) => Array.TrueForAll(Expected, phrase => replies.Exists(r => r.AsSpan().IndexOf(phrase) >= 0));
}

/// <summary>
/// The conversation every virtual user walks (bench/conversation.json): Teams-style activities from the bot being
/// added (welcome) to the exercise cards. Each turn's activity is a JSON template whose <c>{conversation}</c>,
/// <c>{user}</c> and <c>{id}</c> are filled per conversation, and <c>{run}</c> (a card button's data, as Teams sends
/// it back) by the run the bot's last card carried; the expected phrase is looked for in the bodies the bot posted
/// to the Connector stand-in during that turn.
/// </summary>
public sealed class Script(IReadOnlyList<ScriptTurn> turns, string serviceUrl)
{
    public IReadOnlyList<ScriptTurn> Turns => turns;

    private static readonly byte[] RunProperty = "\"run\":\""u8.ToArray();

    public static Script Load(string path, string serviceUrl)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var common = root["common"]!.AsObject();
        var turns = new List<ScriptTurn>();
        foreach (var node in root["turns"]!.AsArray())
        {
            var activity = common.DeepClone().AsObject();
            foreach (var (name, value) in node!["activity"]!.AsObject())
            {
                activity[name] = value?.DeepClone();
            }

            string[] expected = node["expect"] switch
            {
                JsonArray phrases => [.. phrases.Select(p => p!.GetValue<string>())],
                JsonValue phrase => [phrase.GetValue<string>()],
                _ => [], // bench/answers.json, before the recording adds what the replies hold
            };
            // Each phrase as it appears inside a JSON string (plain phrases: no quotes or apostrophes, which serializers escape differently).
            turns.Add(new ScriptTurn(activity.ToJsonString(), [.. expected.Select(Encoding.UTF8.GetBytes)], string.Join("\", \"", expected), activity["type"]?.GetValue<string>() == "invoke"));
        }

        return new Script(turns, serviceUrl);
    }

    /// <summary>The turn's activity with the conversation's ids (plain ASCII made by the caller, so no escaping).</summary>
    public byte[] Activity(int turn, string conversationId, string userId, string activityId, string? run = null) =>
        Encoding.UTF8.GetBytes(turns[turn].Template
            .Replace("{conversation}", conversationId, StringComparison.Ordinal)
            .Replace("{user}", userId, StringComparison.Ordinal)
            .Replace("{id}", activityId, StringComparison.Ordinal)
            .Replace("{serviceUrl}", serviceUrl, StringComparison.Ordinal)
            .Replace("{run}", run ?? string.Empty, StringComparison.Ordinal));

    /// <summary>The run id of the last card in the replies that carries one (its buttons' <c>"run":"..."</c>), or the given one.</summary>
    public static string? LastRun(List<byte[]> replies, string? previous)
    {
        for (var r = replies.Count - 1; r >= 0; r--)
        {
            var body = replies[r].AsSpan();
            var at = body.LastIndexOf(RunProperty);
            if (at >= 0)
            {
                var value = body[(at + RunProperty.Length)..];
                var end = value.IndexOf((byte)'"');
                return end > 0 ? Encoding.UTF8.GetString(value[..end]) : previous;
            }
        }

        return previous;
    }
}
