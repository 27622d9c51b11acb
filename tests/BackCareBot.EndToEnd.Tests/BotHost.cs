using BackCareBot.Care;
using BackCareBot.Protocol.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>The real bot (Program.cs as it is) on Kestrel at a free loopback port, with optional test settings and services.</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private BotHost(WebApplicationFactory<Program> factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The host's services, for a test that runs a background sweep at a moment of its choosing.</summary>
    public IServiceProvider Services => _factory.Services;

    public static Task<BotHost> StartAsync(
        Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            // appsettings.json pins 3978 for ./run.sh; tests take any free loopback port.
            web.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            // Each host has its own conversation state.
            web.UseSetting("Storage:Kind", "Memory");
            foreach (var (key, value) in settings ?? [])
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.ClearProviders());
            web.ConfigureServices(s => services?.Invoke(s));
        });
        factory.UseKestrel();
        factory.StartServer();
        return Task.FromResult(new BotHost(factory, factory.ClientOptions.BaseAddress));
    }

    /// <summary>The real bot answering everything except the messages <see cref="CardTestBot"/> handles.</summary>
    public static Task<BotHost> StartWithCardsAsync() =>
        StartAsync(services: s => s.AddSingleton<IBot>(sp => new CardTestBot(ActivatorUtilities.CreateInstance<CareBot>(sp))));

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
