using System.Text.Json.Nodes;
using BackCareBot.Protocol.Auth;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>UserAssignedMSI: the Connector token comes from the managed-identity endpoint App Service provides.</summary>
public sealed class ManagedIdentityTokenTests
{
    [Fact]
    public async Task User_assigned_identity_gets_a_botframework_token_once_and_reuses_it()
    {
        await using var identity = await LocalServer.StartAsync(_ => new LocalResponse(200, new JsonObject
        {
            ["access_token"] = "managed-identity-token",
            ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["resource"] = "https://api.botframework.com",
            ["token_type"] = "Bearer",
            ["client_id"] = ChannelAuthority.AppId,
        }.ToJsonString()));
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(identity.BaseAddress, "msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", "identity-header-secret");
        try
        {
            await using var host = new BotHost(new Dictionary<string, string?>
            {
                ["MicrosoftAppType"] = "UserAssignedMSI",
                ["MicrosoftAppId"] = ChannelAuthority.AppId,
            });
            var tokens = host.Services.GetRequiredService<ConnectorTokenProvider>();

            var first = await tokens.GetTokenAsync(CancellationToken.None);
            var second = await tokens.GetTokenAsync(CancellationToken.None);

            Assert.Equal("managed-identity-token", first);
            Assert.Equal(first, second);
            var request = Assert.Single(identity.Requests);
            var query = Uri.UnescapeDataString(request.PathAndQuery);
            Assert.Contains("resource=https://api.botframework.com", query, StringComparison.Ordinal);
            Assert.Contains($"client_id={ChannelAuthority.AppId}", query, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }
    }
}
