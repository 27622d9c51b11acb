using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackCareBot.Load;

/// <summary>
/// Records the benchmark conversation from the bot itself (bench/record.sh): walks the user's side of the
/// conversation (bench/answers.json) once through a running bot, with the Connector stand-in taking its replies as
/// in a load run, and writes bench/conversation.json (the answers, each with phrases its replies must hold: the
/// first reply's, the last reply's and the first card's in between) and bench/botbuilder-js/replies.json (each
/// turn's replies, and an invoke's response, for the JS SDK bot). A turn that gets no reply stops the recording.
/// </summary>
public static class Record
{
    private const int MaxPhrase = 60;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string Value(string name) => args[args.ToList().IndexOf(name) + 1];
        var url = new Uri(Value("--url"));
        var port = args.Contains("--connector-port") ? int.Parse(Value("--connector-port"), CultureInfo.InvariantCulture) : 3990;
        var answers = JsonNode.Parse(await File.ReadAllTextAsync(Value("--answers")).ConfigureAwait(false))!.AsObject();
        await using var connector = await ConnectorStandIn.StartAsync(port).ConfigureAwait(false);
        var script = Script.Load(Value("--answers"), $"http://127.0.0.1:{port}/");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var conversation = TeamsIds.Conversation("record", 0, 0);
        var user = TeamsIds.User("record", 0, 0);
        var turns = answers["turns"]!.AsArray();
        var replies = new JsonArray();
        var runs = new HashSet<string>(StringComparer.Ordinal);
        string? run = null;
        for (var t = 0; t < script.Turns.Count; t++)
        {
            using var content = new ByteArrayContent(script.Activity(t, conversation, user, TeamsIds.Activity("record", 0, 0, t), run));
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(url, content).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var bodies = connector.Take(conversation);
            // The replies that follow an invoke's answer: until none has come for half a second.
            while (turns[t]!["activity"]!["type"]?.GetValue<string>() == "invoke"
                && await connector.ArrivedAsync(conversation, TimeSpan.FromSeconds(bodies.Count == 0 ? 10 : 0.5)).ConfigureAwait(false))
            {
                bodies.AddRange(connector.Take(conversation));
            }

            if (!response.IsSuccessStatusCode || bodies.Count == 0)
            {
                await Console.Error.WriteLineAsync($"turn {t + 1}: HTTP {(int)response.StatusCode} {answer}, {bodies.Count} replies: the answers no longer fit the bot").ConfigureAwait(false);
                return 1;
            }

            run = Script.LastRun(bodies, run);
            if (run is not null)
            {
                runs.Add(run);
            }
            var messages = new JsonArray();
            if (turns[t]!["activity"]!["type"]?.GetValue<string>() == "invoke" && answer.Length > 0)
            {
                messages.Add(new JsonObject { ["invokeResponse"] = JsonNode.Parse(answer) });
            }

            var sent = bodies.Select(b => JsonNode.Parse(b)!.AsObject()).ToList();
            foreach (var body in sent)
            {
                var message = new JsonObject();
                foreach (var name in (string[])["text", "suggestedActions", "attachmentLayout", "attachments"])
                {
                    if (body[name] is { } value)
                    {
                        message[name] = value.DeepClone();
                    }
                }

                messages.Add(message);
            }

            replies.Add(messages);
            var card = sent.Skip(1).SkipLast(1).FirstOrDefault(b => b["attachments"] is JsonArray { Count: > 0 });
            var phrases = new[] { sent[0], card, sent[^1] }.Where(b => b is not null).Select(b => Phrase(b!)).Where(p => p is not null).Distinct().ToList();
            turns[t]!.AsObject()["expect"] = new JsonArray([.. phrases.Select(p => JsonValue.Create(p))]);
            Console.Error.WriteLine($"turn {t + 1}: {bodies.Count} replies, expect \"{string.Join("\", \"", phrases)}\"");
        }

        answers["$comment"] = "Recorded from the bot by bench/record.sh from bench/answers.json: do not edit, re-record. " + answers["$comment"]?.GetValue<string>();
        await File.WriteAllTextAsync(Value("--script-out"), answers.ToJsonString(Indented) + "\n").ConfigureAwait(false);
        // The run ids are random per conversation: recorded as one fixed id, so a recording of the same content is the same file.
        var recorded = runs.Aggregate(replies.ToJsonString(), (json, id) => json.Replace($"\"run\":\"{id}\"", "\"run\":\"00000000\"", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Value("--replies-out"), recorded + "\n").ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The reply's first words a user sees (its text's first line, or its card's first text block), cut to the
    /// longest stretch of plain characters, which every serializer writes alike (no quotes, apostrophes or &lt;&gt;&amp;).
    /// </summary>
    private static string? Phrase(JsonObject reply)
    {
        var text = reply["text"]?.GetValue<string>() is { Length: > 0 } t ? t : FirstTextBlock(reply["attachments"]);
        if (text is null)
        {
            return null;
        }

        var line = text.Split('\n')[0];
        var best = string.Empty;
        var current = new StringBuilder();
        foreach (var c in line + "\0")
        {
            if (char.IsAsciiLetterOrDigit(c) || " ,.?:;()-".Contains(c, StringComparison.Ordinal))
            {
                current.Append(c);
                continue;
            }

            var candidate = current.ToString().Trim();
            best = candidate.Length > best.Length ? candidate : best;
            current.Clear();
        }

        best = best.Length > MaxPhrase ? best[..best.LastIndexOf(' ', MaxPhrase)] : best;
        return best.Length >= 8 ? best : null;
    }

    private static string? FirstTextBlock(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" && o["text"] is JsonValue v => v.GetValue<string>(),
        JsonObject o => o.Select(p => FirstTextBlock(p.Value)).FirstOrDefault(s => s is not null),
        JsonArray a => a.Select(FirstTextBlock).FirstOrDefault(s => s is not null),
        _ => null,
    };
}
