using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>Turn logs say what happened, never what the person wrote.</summary>
public sealed class TurnLoggingTests
{
    [Fact]
    public async Task Message_text_and_card_values_never_reach_the_logs()
    {
        await using var connector = await ConnectorStandIn.StartAsync();
        await using var host = new BotHost(BotHost.Anonymous());
        using var client = host.CreateClient();
        var marker = $"marker-{Guid.NewGuid():N}";
        var message = ConnectorStandIn.Fixture("teams-message-personal-text.json", connector.BaseAddress, $"my back hurts {marker}");
        var submit = ConnectorStandIn.Fixture("teams-message-card-submit.json", connector.BaseAddress);
        submit["value"] = new JsonObject { ["pain"] = marker };

        foreach (var activity in new[] { message, submit })
        {
            using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(2, host.Logs.Lines.Count(l => l.Contains("Turn message on msteams took", StringComparison.Ordinal)));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("my back hurts", StringComparison.Ordinal));
    }
}
