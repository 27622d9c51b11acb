using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>Turn rules seen over HTTP: retried activity ids run once, one turn at a time per conversation, unhandled invokes.</summary>
public sealed class TurnHandlingTests : IAsyncLifetime
{
    private readonly RecordingBot _bot = new() { TurnLength = TimeSpan.FromMilliseconds(200) };
    private AnonymousBot _anonymous = null!;

    public async Task InitializeAsync() => _anonymous = await AnonymousBot.StartAsync(s => s.UseBot(_bot));

    public async Task DisposeAsync() => await _anonymous.DisposeAsync();

    [Fact]
    public async Task The_same_activity_id_posted_twice_runs_the_bot_once()
    {
        var activity = ConnectorStandIn.Fixture("teams-message-personal-text.json", _anonymous.Connector.BaseAddress);

        using var first = await PostAsync(activity);
        using var second = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, _bot.Turns);
        Assert.Single(_anonymous.Connector.Requests);
    }

    [Fact]
    public async Task Two_turns_in_one_conversation_run_one_at_a_time()
    {
        var one = ConnectorStandIn.Fixture("teams-message-personal-text.json", _anonymous.Connector.BaseAddress);
        var two = one.DeepClone();
        two["id"] = "1717310799002";

        var responses = await Task.WhenAll(PostAsync(one), PostAsync(two));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, _bot.Turns);
        Assert.Equal(1, _bot.MostAtOnce);
    }

    [Fact]
    public async Task Turns_in_different_conversations_may_overlap()
    {
        var one = ConnectorStandIn.Fixture("teams-message-personal-text.json", _anonymous.Connector.BaseAddress);
        var two = one.DeepClone();
        two["conversation"]!["id"] = "a:another-conversation";

        await Task.WhenAll(PostAsync(one), PostAsync(two));

        Assert.Equal(2, _bot.MostAtOnce);
    }

    [Fact]
    public async Task An_invoke_the_bot_does_not_handle_gets_501()
    {
        var invoke = ConnectorStandIn.Fixture("teams-invoke-adaptiveCard-action.json", _anonymous.Connector.BaseAddress);

        using var response = await PostAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal(1, _bot.Turns);
    }

    private Task<HttpResponseMessage> PostAsync(JsonNode activity) =>
        _anonymous.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
}
