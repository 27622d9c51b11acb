using System.Net;
using System.Text.Json.Nodes;
using BackCareBot.Care;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>
/// In a Teams channel everyone sees the questions and the answers: the bot asks nothing about health there, stores
/// nothing, points to a personal chat, and still answers a warning sign with the urgent advice.
/// </summary>
public sealed class GroupConversationTests : IAsyncLifetime
{
    private AnonymousBot _bot = null!;

    public async Task InitializeAsync() => _bot = await AnonymousBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_mention_in_a_channel_gets_a_pointer_to_a_personal_chat_and_nothing_is_stored()
    {
        var mention = ConnectorStandIn.Fixture("teams-message-channel-mention.json", _bot.Connector.BaseAddress);

        using var response = await _bot.Client.PostActivityAsync(mention);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(Assert.Single(_bot.Connector.Requests).Body)!;
        Assert.Contains("only in a personal chat", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(mention["conversation"]!["id"]!.GetValue<string>(), reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Null(reply["suggestedActions"]);
        var store = _bot.Host.Services.GetRequiredService<IStateStore>();
        var key = CareBot.StateKey(new Activity { ChannelId = "msteams", Conversation = new ConversationAccount { Id = mention["conversation"]!["id"]!.GetValue<string>() } });
        Assert.Null(await store.ReadAsync(key, default));
    }

    [Fact]
    public async Task A_warning_sign_typed_in_a_channel_still_gets_the_urgent_advice()
    {
        var mention = ConnectorStandIn.Fixture("teams-message-channel-mention.json", _bot.Connector.BaseAddress, "<at>BackCareBot</at> I can't feel between my legs since this morning");

        using var response = await _bot.Client.PostActivityAsync(mention);

        var text = JsonNode.Parse(Assert.Single(_bot.Connector.Requests).Body)!["text"]!.GetValue<string>();
        Assert.Contains("999", text, StringComparison.Ordinal);
        Assert.Contains("only in a personal chat", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_warning_sign_typed_in_a_channel_gets_the_confirming_question_and_the_advice_for_yes()
    {
        var mention = ConnectorStandIn.Fixture("teams-message-channel-mention.json", _bot.Connector.BaseAddress, "<at>BackCareBot</at> both legs ache after I lie in");

        using var response = await _bot.Client.PostActivityAsync(mention);

        var text = JsonNode.Parse(Assert.Single(_bot.Connector.Requests).Body)!["text"]!.GetValue<string>();
        Assert.Contains("Just to check", text, StringComparison.Ordinal);
        Assert.Contains("If the answer is yes: Please go to", text, StringComparison.Ordinal);
        Assert.Contains("only in a personal chat", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Added_to_a_team_the_bot_introduces_itself_without_asking_anything()
    {
        var added = ConnectorStandIn.Fixture("teams-conversationUpdate-personal-bot-added.json", _bot.Connector.BaseAddress);
        added["conversation"] = new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = "channel",
            ["tenantId"] = "00000000-0000-0000-0000-000000000001",
            ["id"] = "19:test-channel-id@thread.tacv2",
        };

        using var response = await _bot.Client.PostActivityAsync(added);

        var text = JsonNode.Parse(Assert.Single(_bot.Connector.Requests).Body)!["text"]!.GetValue<string>();
        Assert.Contains("I'm BackCareBot", text, StringComparison.Ordinal);
        Assert.Contains("personal chat", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Shall we start?", text, StringComparison.Ordinal);
    }
}
