using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>A single-tenant bot host wired to a local channel authority and a local Connector.</summary>
public sealed class SecuredBot : IAsyncDisposable
{
    private SecuredBot(ChannelAuthority authority, LocalServer connector, BotHost host)
    {
        Authority = authority;
        Connector = connector;
        Host = host;
        Client = host.CreateClient();
    }

    public ChannelAuthority Authority { get; }

    public LocalServer Connector { get; }

    public BotHost Host { get; }

    public HttpClient Client { get; }

    public static async Task<SecuredBot> StartAsync(Action<IServiceCollection>? services = null, Action<Dictionary<string, string?>>? settings = null)
    {
        var authority = await ChannelAuthority.StartAsync();
        var connector = await ConnectorStandIn.StartAsync();
        var configuration = BotHost.SingleTenant(authority);
        settings?.Invoke(configuration);
        var host = new BotHost(configuration, s =>
        {
            s.TrustAuthority(authority);
            // Authentication tests need one reply per turn, not the conversation; a test may register another bot.
            s.UseBot(new RecordingBot());
            services?.Invoke(s);
        });
        return new SecuredBot(authority, connector, host);
    }

    /// <summary>The Teams personal-chat message fixture saying "hi", addressed from the local Connector.</summary>
    public JsonNode Hi() => ConnectorStandIn.Fixture("teams-message-personal-text.json", Connector.BaseAddress, "hi");

    /// <summary>A channel token shape that is valid for activities from the local Connector.</summary>
    public TokenShape ValidToken() => new() { ServiceUrl = Connector.BaseAddress.ToString() };

    public string Bearer(TokenShape shape) => $"Bearer {Authority.CreateToken(shape)}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

public static class ActivityPosting
{
    /// <summary>POSTs an activity to /api/messages with the given Authorization header value (none when null).</summary>
    public static async Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, JsonNode activity, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }
}
