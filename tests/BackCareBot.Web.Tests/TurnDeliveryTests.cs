using System.Net;
using System.Text.Json.Nodes;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>
/// A turn is all or nothing, over HTTP with a Connector that fails: replies the person never got are delivered on
/// the channel's retry or before the next activity is answered, and nothing is taken as the answer to a question
/// that was never shown (red-flag questions included).
/// </summary>
public sealed class TurnDeliveryTests : IAsyncLifetime
{
    // Welcome, consent, age, the first warning-sign question answered: the next warning-sign question is due.
    private static readonly string[] ToSecondWarningSign = ["hi", "yes", "16 to 49", "no"];
    private volatile bool _failing;
    private AnonymousBot _bot = null!;
    private TeamsUser _user = null!;

    public async Task InitializeAsync()
    {
        _bot = await AnonymousBot.StartAsync(connector: _ => _failing ? new LocalResponse(503) : new LocalResponse(200, """{"id":"1"}"""));
        _user = new TeamsUser(_bot.Client, _bot.Connector);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task When_every_send_fails_the_channels_retry_delivers_the_lost_question_and_its_answer_is_accepted()
    {
        await _user.SayAllAsync(ToSecondWarningSign);
        var answer = _user.Message("no");
        var (lost, status) = await PostFailingAsync(answer);
        Assert.Equal(HttpStatusCode.BadGateway, status);

        var before = _bot.Connector.Requests.Count;
        using var retry = await _bot.Client.PostActivityAsync(answer);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(lost, _user.SentSince(before));
        await AnswerIsAcceptedAsync(lost);
    }

    [Fact]
    public async Task Replies_never_delivered_go_out_before_the_next_message_is_answered()
    {
        await _user.SayAllAsync(ToSecondWarningSign);
        var (lost, _) = await PostFailingAsync(_user.Message("no"));

        // The channel gave up; the person, who never saw the question, types again.
        var before = _bot.Connector.Requests.Count;
        using var next = await _bot.Client.PostActivityAsync(_user.Message("no"));

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(lost, _user.SentSince(before));
        await AnswerIsAcceptedAsync(lost);
    }

    [Fact]
    public async Task A_retry_of_a_delivered_turn_sends_nothing_and_changes_nothing()
    {
        await _user.SayAllAsync(ToSecondWarningSign);
        var answer = _user.Message("no");
        var before = _bot.Connector.Requests.Count;
        using (var first = await _bot.Client.PostActivityAsync(answer))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var asked = _user.SentSince(before);
        var afterFirst = _bot.Connector.Requests.Count;
        using var retry = await _bot.Client.PostActivityAsync(answer);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Empty(_user.SentSince(afterFirst));
        await AnswerIsAcceptedAsync(asked);
    }

    [Fact]
    public async Task Messages_after_a_card_action_that_could_not_be_delivered_go_out_before_the_next_answer()
    {
        await _user.SayAllAsync("hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no");
        var side = _bot.Connector.Requests.Select(r => JsonNode.Parse(r.Body)!["attachments"]?[0]?["content"]).Last(c => c is not null)!
            .ToJsonString() is var card && card.Contains("How do you usually sleep?", StringComparison.Ordinal)
            ? JsonNode.Parse(card)!["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").SelectMany(e => e!["actions"]!.AsArray())
                .Single(a => a!["data"]?["value"]?.GetValue<string>() == "side")!
            : throw new InvalidOperationException("the sleep question was not asked");
        var invoke = ConnectorStandIn.Fixture("teams-invoke-adaptiveCard-action.json", _bot.Connector.BaseAddress);
        invoke["id"] = "f:1717311200001";
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = side["verb"]!.DeepClone(), ["data"] = side["data"]!.DeepClone() }, ["trigger"] = "manual" };
        var before = _bot.Connector.Requests.Count;
        _failing = true;
        using (var pressed = await _bot.Client.PostActivityAsync(invoke))
        {
            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        }

        // The follow-up question is sent after the invoke response: wait until all its attempts have failed.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (_bot.Connector.Requests.Count - before < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        _failing = false;
        var lost = _user.SentSince(before).Distinct().ToList();
        Assert.Contains(lost, l => l.Contains("Where do you use pillows?", StringComparison.Ordinal));

        var afterFailure = _bot.Connector.Requests.Count;
        using var answer = await _bot.Client.PostActivityAsync(_user.Message("under my knees"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(lost, _user.SentSince(afterFailure));
    }

    /// <summary>Posts with every Connector attempt failing; returns what the bot tried to send, once per message.</summary>
    private async Task<(List<string> Lost, HttpStatusCode Status)> PostFailingAsync(JsonNode activity)
    {
        var before = _bot.Connector.Requests.Count;
        _failing = true;
        using var response = await _bot.Client.PostActivityAsync(activity);
        _failing = false;
        var lost = _user.SentSince(before).Distinct().ToList();
        Assert.NotEmpty(lost);
        Assert.Contains("?", string.Join("", lost), StringComparison.Ordinal);
        return (lost, response.StatusCode);
    }

    /// <summary>The next answer moves on to a question that is not one already asked.</summary>
    private async Task AnswerIsAcceptedAsync(List<string> asked)
    {
        var before = _bot.Connector.Requests.Count;
        using var response = await _bot.Client.PostActivityAsync(_user.Message("no"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = _user.SentSince(before);
        Assert.NotEmpty(next);
        Assert.DoesNotContain(next, asked.Contains);
    }
}
