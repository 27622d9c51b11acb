using BackCareBot.Protocol.Turns;
using BackCareBot.Web.Bot;
using BackCareBot.Web.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>The real bot on Kestrel at a free loopback port, wired as Program.cs wires it, with optional test parts.</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BotHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BotHost> StartAsync(
        Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddBot();
        builder.AddDirectLine();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapWebChat();
        app.MapBot();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BotHost(app, new Uri(address));
    }

    /// <summary>The real bot answering everything except the messages <see cref="CardTestBot"/> handles.</summary>
    public static Task<BotHost> StartWithCardsAsync() =>
        StartAsync(services: s => s.AddSingleton<IBot>(sp => new CardTestBot(new BackCareBot.Care.CareBot())));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
