using System.Net;
using System.Text.Json.Nodes;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>
/// The log of the real bot process with its shipped Production settings, through a conversation with a card action,
/// a Connector retry and a retried activity: no conversation id, activity id, user id or message text in any line
/// (escaped or not), and at most one information line per turn (the turn log).
/// </summary>
public sealed class ProductionLogTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "bcb-logs-" + Guid.NewGuid().ToString("N"));
    private readonly string _marker = Guid.NewGuid().ToString("N")[..12];
    private int _connectorCalls;
    private LocalServer _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorStandIn.StartAsync(_ =>
        // Every fifth call is refused once with 503, so the retry path writes its lines too.
        Interlocked.Increment(ref _connectorCalls) % 5 == 0 ? new LocalResponse(503, RetryAfter: "0") : new LocalResponse(200, """{"id":"1"}"""));

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task No_ids_or_text_in_any_log_line_and_one_information_line_per_turn()
    {
        var conversationId = $"a:conv{_marker}";
        var userId = $"29:user{_marker}";
        var ids = new List<string>();
        var texts = new[] { "hi", "yes", "16 to 49", "no", "no", $"my back hurts {_marker}", "no" };
        var turns = 0;
        await using var bot = await BotProcess.StartAsync(_data, BotHost.Anonymous());
        var startUpLines = bot.Output.Count;

        foreach (var text in texts)
        {
            var message = Addressed(TeamsUser.Message(_connector, text, $"act{_marker}{ids.Count}"), conversationId, userId);
            ids.Add(message["id"]!.GetValue<string>());
            using var response = await bot.Client.PostActivityAsync(message);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            turns++;
        }

        // A card press with an unknown verb and a retry of an earlier activity.
        var invoke = Addressed(ConnectorStandIn.Fixture("teams-invoke-adaptiveCard-action.json", _connector.BaseAddress), conversationId, userId);
        invoke["id"] = $"inv{_marker}";
        ids.Add(invoke["id"]!.GetValue<string>());
        using (var pressed = await bot.Client.PostActivityAsync(invoke))
        {
            Assert.Equal(HttpStatusCode.BadRequest, pressed.StatusCode);
        }

        using (var retried = await bot.Client.PostActivityAsync(Addressed(TeamsUser.Message(_connector, "no", ids[3]), conversationId, userId)))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        turns += 2;
        await bot.StopAsync();

        var lines = bot.Output.ToArray();
        Assert.Contains(lines, l => l.Contains("Turn message on msteams took", StringComparison.Ordinal));
        var secrets = new[] { conversationId, userId, _marker, "my back hurts" }.Concat(ids).SelectMany(s => new[] { s, Uri.EscapeDataString(s) });
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }

        var information = lines.Skip(startUpLines).Where(l => l.Contains("info:", StringComparison.Ordinal) && !l.Contains("Microsoft.Hosting.Lifetime", StringComparison.Ordinal)).ToList();
        Assert.InRange(information.Count, turns - 1, turns);
        Assert.True(_connectorCalls >= texts.Length, "the conversation did not reach the Connector");
    }

    private static JsonNode Addressed(JsonNode activity, string conversationId, string userId)
    {
        activity["conversation"]!["id"] = conversationId;
        activity["from"]!["id"] = userId;
        return activity;
    }
}
