using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>The real host in anonymous mode with a local Connector stand-in, for one test class's lifetime.</summary>
public sealed class AnonymousBot : IAsyncDisposable
{
    private AnonymousBot(LocalServer connector, BotHost host)
    {
        Connector = connector;
        Host = host;
        Client = host.CreateClient();
    }

    public LocalServer Connector { get; }

    public BotHost Host { get; }

    public HttpClient Client { get; }

    public static async Task<AnonymousBot> StartAsync(Action<IServiceCollection>? services = null, Func<RecordedRequest, LocalResponse>? connector = null) =>
        new(await ConnectorStandIn.StartAsync(connector), new BotHost(BotHost.Anonymous(), services));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
