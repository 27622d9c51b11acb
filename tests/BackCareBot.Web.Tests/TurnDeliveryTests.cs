using System.Net;
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

    /// <summary>Posts with every Connector attempt failing; returns what the bot tried to send, once per message.</summary>
    private async Task<(List<string> Lost, HttpStatusCode Status)> PostFailingAsync(System.Text.Json.Nodes.JsonNode activity)
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
