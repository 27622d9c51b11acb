using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Web.Tests.Fakes;
using CsCheck;
using Xunit.Abstractions;

namespace BackCareBot.Web.Tests;

/// <summary>
/// 20,000 generated activities, most of them malformed, posted to the real bot process's /api/messages while a
/// normal conversation goes on: no 5xx except the documented 501 (an invoke nobody handles), every activity that
/// breaks a documented rule refused with 4xx, no error logged, the process alive and its memory bounded.
/// </summary>
public sealed class MalformedActivityFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Activities = 20_000;
    private const long MemoryBound = 150L * 1024 * 1024;
    private static readonly string[] Required = ["id", "type", "channelId", "conversation", "serviceUrl", "from"];
    private static readonly string[] Arrays = ["entities", "attachments", "membersAdded", "membersRemoved", "reactionsAdded"];
    private static readonly string[] Fields = ["text", "value", "channelData", "from", "recipient", "locale", "entities", "attachments", "replyToId", "name", "deliveryMode", "suggestedActions", "localTimestamp", "textFormat", "label"];
    private static readonly string[] BadServiceUrls =
    [
        "ftp://127.0.0.1/", "file:///etc/passwd", "mailto:a@example.com", "/v3/conversations", "http://169.254.169.254/", "http://10.1.2.3/",
        "http://192.168.0.1:8080/", "https://example.com/", "http://", "javascript:alert(1)", "http://[fe80::1]/", "http://0.0.0.0/", "",
    ];

    private static readonly string[] OddValues = ["42", "true", "[]", "{}", "\"x\"", "null", "-1e308", "[{}]", "{\"a\":[1,{\"b\":null}]}"];
    private static readonly string[] Types = ["message", "invoke", "event", "conversationUpdate", "messageReaction", "installationUpdate", "typing", "endOfConversation", "x", "MESSAGE"];
    private static readonly string[] InvokeNames = ["adaptiveCard/action", "composeExtension/query", "task/fetch", "signin/verifyState", "", "x"];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "bcb-fuzz-" + Guid.NewGuid().ToString("N"));
    private LocalServer _connector = null!;
    private BotProcess _bot = null!;

    private enum Kind
    {
        MissingField,
        OddValue,
        NullInArray,
        LoneSurrogate,
        BadServiceUrl,
        LongId,
        OtherType,
        NotJson,
        Truncated,
        TooDeep,
        Garbage,
        Valid,
        CardAction,
        ExpectReplies,
    }

    private sealed record Case(Kind Kind, string Body, string ContentType)
    {
        public bool MustBeRefused => Kind is Kind.MissingField or Kind.NullInArray or Kind.LoneSurrogate or Kind.BadServiceUrl or Kind.LongId
            or Kind.NotJson or Kind.Truncated or Kind.TooDeep or Kind.Garbage;

        public override string ToString() => $"{Kind} {ContentType} {(Body.Length > 300 ? Body[..300] + "..." : Body)}";
    }

    public async Task InitializeAsync()
    {
        _connector = await ConnectorStandIn.StartAsync();
        _bot = await BotProcess.StartAsync(_data, BotHost.Anonymous());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Malformed_activities_never_get_a_5xx_and_the_bot_keeps_working()
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var started = _bot.ResidentBytes;
        var peak = 0L;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, _bot.ResidentBytes);
                await Task.Delay(100);
            }
        });
        var conversation = NormalConversationAsync(done.Token);

        await Cases().SampleAsync(
            async c =>
            {
                using var response = await _bot.Client.PostAsync(new Uri("api/messages", UriKind.Relative), Content(c));
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                Assert.True(status < 500 || status == 501, $"{status} for {c}");
                Assert.True(!c.MustBeRefused || status is 400 or 413 or 415, $"{status} for {c}");
            },
            iter: Activities,
            threads: 4);

        var reached = await conversation;
        await done.CancelAsync();
        await sampler;
        output.WriteLine($"statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}; RSS {started / (1024 * 1024)} MB before, peak {peak / (1024 * 1024)} MB");

        Assert.False(_bot.HasExited);
        Assert.Equal(Activities, statuses.Values.Sum());
        Assert.True(statuses.GetValueOrDefault(200) > Activities / 10, "too few activities were valid enough to run a turn");
        Assert.True(reached, "the normal conversation did not reach the sleep question");
        Assert.True(peak < MemoryBound, $"peak RSS {peak / (1024 * 1024)} MB");
        Assert.DoesNotContain(_bot.Output, l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal));
    }

    /// <summary>A person going through the start of the check while the fuzzing runs; true once the sleep question arrived.</summary>
    private async Task<bool> NormalConversationAsync(CancellationToken cancellationToken)
    {
        var user = new TeamsUser(_bot.Client, _connector);
        foreach (var text in new[] { "hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no" })
        {
            await Task.Delay(200, cancellationToken);
            await user.SayAllAsync(text);
        }

        return _connector.Requests.Any(r => r.Body.Contains("How do you usually sleep?", StringComparison.Ordinal));
    }

    private Gen<Case> Cases() =>
        Gen.Select(Gen.Int[0, Enum.GetValues<Kind>().Length - 1], Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20], (kind, a, b) => Build((Kind)kind, a, b));

    private static StringContent Content(Case c)
    {
        var content = new StringContent(c.Body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(c.ContentType);
        return content;
    }

    private Case Build(Kind kind, int a, int b)
    {
        var activity = TeamsUser.Message(_connector, $"fuzz {a}", $"f{a}-{b}");
        activity["conversation"]!["id"] = $"a:fuzz-{a % 5000}";
        string? raw = null;
        var contentType = "application/json";
        switch (kind)
        {
            case Kind.MissingField:
                var field = Required[a % Required.Length];
                if (b % 2 == 0)
                {
                    activity.AsObject().Remove(field);
                }
                else
                {
                    activity[field] = field == "conversation" ? new JsonObject { ["name"] = "no id" } : field == "from" ? new JsonObject() : "";
                }

                break;
            case Kind.OddValue:
                activity[Fields[a % Fields.Length]] = JsonNode.Parse(OddValues[b % OddValues.Length]);
                break;
            case Kind.NullInArray:
                var array = new JsonArray();
                for (var i = 0; i < b % 3; i++)
                {
                    array.Add(new JsonObject { ["type"] = "clientInfo", ["id"] = "x" });
                }

                array.Insert(b % (array.Count + 1), null);
                activity[Arrays[a % Arrays.Length]] = array;
                break;
            case Kind.LoneSurrogate:
                var surrogate = (b % 2 == 0 ? "\\ud800" : "\\udfff") + (a % 3 == 0 ? "x" : "");
                raw = (a % 5) switch
                {
                    0 => Splice(activity, $"\"text\":\"hi {surrogate}\""),
                    1 => Splice(activity, $"\"value\":{{\"value\":\"{surrogate}\"}}"),
                    2 => Splice(activity, $"\"channelData\":{{\"{surrogate}\":1}}"),
                    3 => Splice(activity, $"\"entities\":[{{\"type\":\"clientInfo\",\"locale\":\"{surrogate}\"}}]"),
                    _ => Splice(activity, $"\"name\":\"{surrogate}\""),
                };
                break;
            case Kind.BadServiceUrl:
                activity["serviceUrl"] = a % 7 == 0 ? "http://127.0.0.1/" + new string('a', 1100) : BadServiceUrls[b % BadServiceUrls.Length];
                break;
            case Kind.LongId:
                var longId = new string((char)('a' + (b % 26)), 513 + (a % 4000));
                switch (b % 4)
                {
                    case 0: activity["id"] = longId; break;
                    case 1: activity["conversation"]!["id"] = longId; break;
                    case 2: activity["from"]!["id"] = longId; break;
                    default: activity["replyToId"] = longId; break;
                }

                break;
            case Kind.OtherType:
                activity["type"] = Types[a % Types.Length];
                activity["name"] = InvokeNames[b % InvokeNames.Length];
                activity["value"] = JsonNode.Parse(OddValues[(a + b) % OddValues.Length]);
                if (b % 3 == 0)
                {
                    activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = $"m{b}" }, new JsonObject { ["id"] = activity["recipient"]!["id"]!.GetValue<string>() });
                }

                break;
            case Kind.NotJson:
                contentType = new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data" }[a % 4];
                break;
            case Kind.Truncated:
                var text = activity.ToJsonString();
                raw = text[..(1 + (a % (text.Length - 2)))];
                break;
            case Kind.TooDeep:
                var depth = 65 + (a % 200);
                raw = Splice(activity, "\"value\":" + new string('[', depth) + new string(']', depth));
                break;
            case Kind.Garbage:
                var bytes = new char[1 + (a % 200)];
                var random = new Random(b);
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = (char)random.Next(1, 0x7f);
                }

                raw = "{" + new string(bytes);
                break;
            case Kind.Valid:
                activity["conversation"]!["id"] = $"a:fuzz-valid-{a}";
                break;
            case Kind.CardAction:
                activity["type"] = "invoke";
                activity["name"] = "adaptiveCard/action";
                activity["value"] = (b % 4) switch
                {
                    0 => new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "answer", ["data"] = new JsonObject { ["step"] = $"s{a % 40}", ["value"] = $"v{b}", ["run"] = a % 3 } } },
                    1 => new JsonObject { ["action"] = null },
                    2 => new JsonObject { ["action"] = new JsonObject { ["verb"] = a % 2 == 0 ? "exercise.done" : "refresh", ["data"] = JsonNode.Parse(OddValues[a % OddValues.Length]) } },
                    _ => JsonNode.Parse(OddValues[b % OddValues.Length]),
                };
                break;
            default:
                activity["deliveryMode"] = "expectReplies";
                activity["text"] = new[] { "help", "start over", "what do you know about me", "yes", "no", "中文", "delete my data", "" }[a % 8];
                break;
        }

        return new Case(kind, raw ?? activity.ToJsonString(), contentType);
    }

    /// <summary>The activity's JSON with one more property written as text (JSON no serializer would produce).</summary>
    private static string Splice(JsonNode activity, string property)
    {
        var name = property[1..property.IndexOf('"', 1)];
        activity.AsObject().Remove(name);
        var json = activity.ToJsonString();
        return json[..^1] + "," + property + "}";
    }
}
