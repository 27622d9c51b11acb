using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>Teams fixtures in, replies out on a local Connector: addressing, body shape and the bot's token.</summary>
public sealed class ConnectorReplyTests : IAsyncLifetime
{
    private ChannelAuthority _authority = null!;
    private LocalServer _connector = null!;

    public async Task InitializeAsync()
    {
        _authority = await ChannelAuthority.StartAsync();
        _connector = await ConnectorStandIn.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Theory]
    [InlineData("teams-conversationUpdate-personal-bot-added.json", true)]
    [InlineData("teams-message-personal-text.json", true)]
    [InlineData("teams-conversationUpdate-personal-bot-added.json", false)]
    [InlineData("teams-message-personal-text.json", false)]
    public async Task Teams_activity_gets_a_correctly_addressed_reply(string fixture, bool withCredentials)
    {
        var activity = ConnectorStandIn.Fixture(fixture, _connector.BaseAddress, fixture.Contains("message", StringComparison.Ordinal) ? "hi" : null);
        await using var host = withCredentials
            ? new BotHost(BotHost.SingleTenant(_authority), s => s.TrustAuthority(_authority))
            : new BotHost(BotHost.Anonymous());
        using var client = host.CreateClient();
        var token = withCredentials ? _authority.CreateToken(new TokenShape { ServiceUrl = _connector.BaseAddress.ToString() }) : null;

        using var response = await client.PostActivityAsync(activity, token is null ? null : $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The welcome, then the consent question: two replies, both addressed the same way.
        var requests = _connector.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Contains("Shall we start?", requests[1].Body, StringComparison.Ordinal);
        var sent = requests[0];
        Assert.Equal("POST", sent.Method);
        var conversationId = activity["conversation"]!["id"]!.GetValue<string>();
        var activityId = activity["id"]!.GetValue<string>();
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", sent.PathAndQuery);
        Assert.Equal(withCredentials ? $"Bearer {Assert.Single(_authority.IssuedAccessTokens)}" : null, sent.Authorization);

        var reply = JsonNode.Parse(sent.Body)!;
        Assert.Equal("message", reply["type"]!.GetValue<string>());
        Assert.Equal(activity["recipient"]!["id"]!.GetValue<string>(), reply["from"]!["id"]!.GetValue<string>());
        Assert.Equal(activity["from"]!["id"]!.GetValue<string>(), reply["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal(conversationId, reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(activityId, reply["replyToId"]!.GetValue<string>());
        Assert.Contains("self-care information", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var (exitCode, output) = await ValidateActivityAsync(sent.Body);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_reference_check_rejects_a_malformed_reply_body()
    {
        var (exitCode, output) = await ValidateActivityAsync("""{"type":"message","from":{"id":42},"conversation":"not an object"}""");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> ValidateActivityAsync(string body)
    {
        var file = Path.Combine(Path.GetTempPath(), $"backcarebot-reply-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, body);
        try
        {
            return await NodeCheck.RunAsync(
                Repo.ReferenceFile("checks", "validate-activity.js"),
                Repo.ReferenceFile("specs", "bot-connector-api-v3.swagger.json"),
                file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
