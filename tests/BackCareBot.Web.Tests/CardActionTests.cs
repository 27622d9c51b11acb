using System.Net;
using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>
/// Card buttons as Teams sends them, over HTTP to the real bot: Universal Actions answered in the invoke's own
/// response (checked against the reference response shapes), the Action.Submit fallback replacing the card through
/// the Connector, refresh, and the stale and double presses that must change nothing.
/// </summary>
public sealed class CardActionTests : IAsyncLifetime
{
    private static readonly string[] ToSleepQuestion = ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no"];
    private readonly ManualResetEventSlim _connectorOpen = new(initialState: true);
    private AnonymousBot _bot = null!;
    private int _next;
    private int _connectorAnswered;

    public async Task InitializeAsync() => _bot = await AnonymousBot.StartAsync(connector: _ =>
    {
        // A Connector that a test can hold, to see what the bot answers before its sends get through.
        _connectorOpen.Wait(TimeSpan.FromMinutes(1));
        Interlocked.Increment(ref _connectorAnswered);
        return new LocalResponse(200, """{"id":"1717310799999"}""");
    });

    public async Task DisposeAsync()
    {
        _connectorOpen.Set();
        await _bot.DisposeAsync();
        _connectorOpen.Dispose();
    }

    [Fact]
    public async Task The_invoke_is_answered_before_the_follow_up_messages_go_out_and_they_follow_in_order()
    {
        await SayAllAsync(ToSleepQuestion);
        var side = Buttons(LastCard()).Single(b => b["data"]!["value"]!.GetValue<string>() == "side");
        var before = _bot.Connector.Requests.Count;
        _connectorOpen.Reset();
        var answeredBefore = Volatile.Read(ref _connectorAnswered);

        var (status, body) = await PressAsync(side);
        var answeredMeanwhile = Volatile.Read(ref _connectorAnswered) - answeredBefore;
        _connectorOpen.Set();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal(0, answeredMeanwhile);
        var sent = await SentAsync(before, "Where do you use pillows?");
        Assert.DoesNotContain("How do you usually sleep?", sent, StringComparison.Ordinal);
        await SayAllAsync(["under my knees"]);
        Assert.Contains("mattress", SentSince(before), StringComparison.OrdinalIgnoreCase);
        Assert.True(SentSince(before).IndexOf("pillows", StringComparison.Ordinal) < SentSince(before).IndexOf("mattress", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_button_press_is_answered_in_the_invoke_response_and_a_second_press_changes_nothing()
    {
        await SayAllAsync(ToSleepQuestion);
        var card = LastCard();
        var side = Buttons(card).Single(b => b["data"]!["value"]!.GetValue<string>() == "side");

        var (status, body) = await PressAsync(side);

        Assert.Equal(HttpStatusCode.OK, status);
        AssertSameShape(Reference("invoke-response-card.json"), body);
        Assert.Contains("You answered: On my side", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        await SentAsync(0, "Where do you use pillows?");

        var before = _bot.Connector.Requests.Count;
        var (againStatus, again) = await PressAsync(side);

        Assert.Equal(HttpStatusCode.OK, againStatus);
        AssertSameShape(Reference("invoke-response-message.json"), again);
        Assert.StartsWith("Already answered", again["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var replies = await SentAsync(before, "already answered", "Where do you use pillows?");
        Assert.DoesNotContain("mattress", replies, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_verb_gets_400_in_the_error_shape()
    {
        await SayAllAsync(ToSleepQuestion);
        var invoke = ConnectorStandIn.Fixture("teams-invoke-adaptiveCard-action.json", _bot.Connector.BaseAddress);

        using var response = await _bot.Client.PostActivityAsync(invoke);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSameShape(Reference("invoke-response-error.json"), body);
        Assert.Equal("BadRequest", body["value"]!["code"]!.GetValue<string>());
        Assert.Contains("sleepPosition.confirm", body["value"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_submit_fallback_answers_and_replaces_the_card_through_the_connector()
    {
        await SayAllAsync(ToSleepQuestion);
        var fallback = Buttons(LastCard()).Single(b => b["data"]!["value"]!.GetValue<string>() == "back")["fallback"]!;
        var submit = ConnectorStandIn.Fixture("teams-message-card-submit.json", _bot.Connector.BaseAddress);
        submit["id"] = NextId();
        submit["value"] = fallback["data"]!.DeepClone();
        var before = _bot.Connector.Requests.Count;

        using var response = await _bot.Client.PostActivityAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(_bot.Connector.Requests.Skip(before), r => r.Method == "PUT");
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString("a:1test-personal-conversation-id")}/activities/1717310700000", update.PathAndQuery);
        var replaced = JsonNode.Parse(update.Body)!["attachments"]![0]!["content"]!;
        Assert.Contains("You answered: On my back", replaced.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(replaced["actions"]);
        Assert.Contains("Where do you use pillows?", SentSince(before), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_shows_the_open_question_as_it_is_an_answered_one_with_its_answer_and_an_old_run_as_closed()
    {
        await SayAllAsync(ToSleepQuestion);
        var sleepCard = LastCard();
        var sleepRefresh = sleepCard["refresh"]!["action"]!;
        Assert.Equal(["29:1test-user-opaque-id"], sleepCard["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));

        var (_, open) = await PressAsync(sleepRefresh, trigger: "automatic");
        Assert.Equal(Buttons(sleepCard).Select(b => b["title"]!.GetValue<string>()), Buttons(open["value"]!).Select(b => b["title"]!.GetValue<string>()));

        await PressAsync(Buttons(sleepCard).Single(b => b["data"]!["value"]!.GetValue<string>() == "stomach"));
        var (_, answered) = await PressAsync(sleepRefresh, trigger: "automatic");
        Assert.Contains("You answered: On my front", answered["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Buttons(answered["value"]!));

        await SayAllAsync(["start over"]);
        var (_, closed) = await PressAsync(sleepRefresh, trigger: "automatic");
        Assert.Contains("This question is closed", closed["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_from_before_start_over_is_refused_even_for_the_same_question()
    {
        await SayAllAsync(ToSleepQuestion);
        var oldCard = LastCard();
        await SayAllAsync(["start over", .. ToSleepQuestion[1..]]);
        var before = _bot.Connector.Requests.Count;

        var (_, stale) = await PressAsync(Buttons(oldCard).Single(b => b["data"]!["value"]!.GetValue<string>() == "side"));

        Assert.Equal("application/vnd.microsoft.activity.message", stale["type"]!.GetValue<string>());
        // The stale press ends by asking the current question again (a card): nothing after it is pending.
        await SentAsync(before, "already answered", "How do you usually sleep?");
        Assert.DoesNotContain("pillows", SentSince(before), StringComparison.Ordinal);
        var (_, fresh) = await PressAsync(Buttons(LastCard()).Single(b => b["data"]!["value"]!.GetValue<string>() == "side"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", fresh["type"]!.GetValue<string>());
    }

    private async Task SayAllAsync(IEnumerable<string> messages)
    {
        foreach (var text in messages)
        {
            var message = ConnectorStandIn.Fixture("teams-message-personal-text.json", _bot.Connector.BaseAddress, text);
            message["id"] = NextId();
            using var response = await _bot.Client.PostActivityAsync(message);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>Presses an Action.Execute as Teams does: an adaptiveCard/action invoke carrying the action.</summary>
    private async Task<(HttpStatusCode Status, JsonNode Body)> PressAsync(JsonNode action, string trigger = "manual")
    {
        var invoke = ConnectorStandIn.Fixture("teams-invoke-adaptiveCard-action.json", _bot.Connector.BaseAddress);
        invoke["id"] = "f:" + NextId();
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = action["verb"]!.DeepClone(), ["data"] = action["data"]!.DeepClone() },
            ["trigger"] = trigger,
        };
        using var response = await _bot.Client.PostActivityAsync(invoke);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private string NextId() => $"17173108{Interlocked.Increment(ref _next):D5}";

    private JsonNode LastCard() => _bot.Connector.Requests.Where(r => r.Method == "POST")
        .Select(r => JsonNode.Parse(r.Body)!["attachments"]?[0]?["content"])
        .Last(c => c is not null)!;

    private static List<JsonNode> Buttons(JsonNode card) =>
        [.. card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").SelectMany(s => s!["actions"]!.AsArray()).OfType<JsonNode>()
            .Where(a => a["type"]!.GetValue<string>() == "Action.Execute")];

    /// <summary>
    /// Waits until the Connector has received all the texts since the given request: after a card action they
    /// follow the invoke response. The minute is a bound for a loaded machine, not a speed expectation.
    /// </summary>
    private async Task<string> SentAsync(int since, params string[] texts)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!texts.All(t => SentSince(since).Contains(t, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var sent = SentSince(since);
        Assert.All(texts, t => Assert.Contains(t, sent, StringComparison.Ordinal));
        return sent;
    }

    private string SentSince(int index) => string.Join("\n", _bot.Connector.Requests.Skip(index).Select(r => r.Body));

    private static JsonNode Reference(string name) =>
        JsonNode.Parse(File.ReadAllText(Repo.ReferenceFile("activities", "outgoing", name)))!;

    /// <summary>The same properties, with values of the same JSON kind, as the reference response.</summary>
    private static void AssertSameShape(JsonNode expected, JsonNode actual)
    {
        var keys = expected.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(keys, actual.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected["type"]!.GetValue<string>(), actual["type"]!.GetValue<string>());
        foreach (var key in keys)
        {
            Assert.Equal(expected[key]!.GetValueKind(), actual[key]!.GetValueKind());
        }
    }
}
