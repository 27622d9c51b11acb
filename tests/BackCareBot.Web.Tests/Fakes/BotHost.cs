using BackCareBot.Protocol.Auth;
using BackCareBot.Protocol.Turns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>The real bot host with chosen settings; its outgoing HTTP goes to local servers only.</summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public BotHost(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
    }

    public LogCapture Logs { get; } = new();

    /// <summary>Settings for a single-tenant bot whose channel and Entra ID are the given local authority.</summary>
    public static Dictionary<string, string?> SingleTenant(ChannelAuthority authority) => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = ChannelAuthority.AppId,
        ["MicrosoftAppPassword"] = "test-secret",
        ["MicrosoftAppTenantId"] = ChannelAuthority.TenantId,
        ["BotOpenIdMetadataUrl"] = authority.MetadataUrl,
        ["BotEmulatorOpenIdMetadataUrl"] = authority.EmulatorMetadataUrl,
        ["BotTokenAuthorityHost"] = authority.AuthorityHost,
    };

    /// <summary>Anonymous local mode with tiny retry delays.</summary>
    public static Dictionary<string, string?> Anonymous() => new()
    {
        ["MicrosoftAppType"] = "",
        ["MicrosoftAppId"] = "",
        ["Connector:BaseDelay"] = "00:00:00.010",
        ["Connector:MaxDelay"] = "00:00:02",
        ["Connector:MaxRetryAttempts"] = "3",
        // Long enough for a first request on a loaded CI machine, shorter than the stand-in's 3 s "too late" delay.
        ["Connector:AttemptTimeout"] = "00:00:02",
        ["Connector:TotalTimeout"] = "00:00:12",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Each host gets its own state; a test that needs SQLite or Blob sets Storage:* itself.
        builder.UseSetting("Storage:Kind", "Memory");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => _services?.Invoke(services));
    }
}

/// <summary>Makes the host's token and metadata clients trust the local authority's certificate (and nothing else).</summary>
public static class TestServices
{
    public static void TrustAuthority(this IServiceCollection services, ChannelAuthority authority)
    {
        services.AddHttpClient(ChannelTokenValidator.MetadataClientName).ConfigurePrimaryHttpMessageHandler(authority.CreateTrustingHandler);
        services.AddHttpClient(MsalHttpClientFactory.ClientName).ConfigurePrimaryHttpMessageHandler(authority.CreateTrustingHandler);
    }

    public static void UseBot(this IServiceCollection services, IBot bot)
    {
        services.AddSingleton<IBot>(bot);
    }
}
