using System.Text;
using System.Text.Json.Nodes;

namespace BackCareBot.Load;

/// <summary>One step of the scripted conversation: the activity the user's channel posts, and a phrase one of the replies must hold.</summary>
public sealed record ScriptTurn(string Template, byte[][] Expected, string ExpectedText)
{
    /// <summary>True when every expected phrase is in one of the replies.</summary>
    public bool AnsweredBy(List<byte[]> replies) => Array.TrueForAll(Expected, phrase => replies.Exists(r => r.AsSpan().IndexOf(phrase) >= 0));
}

/// <summary>
/// The conversation every virtual user walks (bench/conversation.json): Teams-style activities from the bot being
/// added (welcome) to the exercise cards. Each turn's activity is a JSON template whose <c>{conversation}</c>,
/// <c>{user}</c> and <c>{id}</c> are filled per conversation; the expected phrase is looked for in the bodies the
/// bot posted to the Connector stand-in during that turn.
/// </summary>
public sealed class Script(IReadOnlyList<ScriptTurn> turns, string serviceUrl)
{
    public IReadOnlyList<ScriptTurn> Turns => turns;

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

            string[] expected = node["expect"] is JsonArray phrases ? [.. phrases.Select(p => p!.GetValue<string>())] : [node["expect"]!.GetValue<string>()];
            // Each phrase as it appears inside a JSON string (plain phrases: no quotes or apostrophes, which serializers escape differently).
            turns.Add(new ScriptTurn(activity.ToJsonString(), [.. expected.Select(Encoding.UTF8.GetBytes)], string.Join("\", \"", expected)));
        }

        return new Script(turns, serviceUrl);
    }

    /// <summary>The turn's activity with the conversation's ids (plain ASCII made by the caller, so no escaping).</summary>
    public byte[] Activity(int turn, string conversationId, string userId, string activityId) =>
        Encoding.UTF8.GetBytes(turns[turn].Template
            .Replace("{conversation}", conversationId, StringComparison.Ordinal)
            .Replace("{user}", userId, StringComparison.Ordinal)
            .Replace("{id}", activityId, StringComparison.Ordinal)
            .Replace("{serviceUrl}", serviceUrl, StringComparison.Ordinal));
}
