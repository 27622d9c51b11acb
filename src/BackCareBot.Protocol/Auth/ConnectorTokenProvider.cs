using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace BackCareBot.Protocol.Auth;

/// <summary>
/// The bot's token for Connector calls: client credentials (SingleTenant: the bot's tenant; MultiTenant:
/// botframework.com) or a user-assigned managed identity; none in anonymous mode. MSAL caches it until near expiry.
/// </summary>
public sealed class ConnectorTokenProvider
{
    public const string Scope = "https://api.botframework.com/.default";
    private const string Resource = "https://api.botframework.com";

    private readonly Func<CancellationToken, Task<AuthenticationResult>>? _acquire;

    public ConnectorTokenProvider(IOptions<BotAuthenticationOptions> options, IMsalHttpClientFactory httpClients)
    {
        var o = options.Value;
        if (o.IsAnonymous)
        {
            return;
        }

        if (o.Is(BotAuthenticationOptions.UserAssignedMsi))
        {
            var identity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(o.MicrosoftAppId!.Trim()))
                .WithHttpClientFactory(httpClients)
                .Build();
            _acquire = ct => identity.AcquireTokenForManagedIdentity(Resource).ExecuteAsync(ct);
            return;
        }

        var tenant = o.Is(BotAuthenticationOptions.SingleTenant) ? o.MicrosoftAppTenantId!.Trim() : "botframework.com";
        var client = ConfidentialClientApplicationBuilder.Create(o.MicrosoftAppId!.Trim())
            .WithClientSecret(o.MicrosoftAppPassword)
            .WithAuthority($"{o.BotTokenAuthorityHost.TrimEnd('/')}/{tenant}", validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(httpClients)
            .Build();
        _acquire = ct => client.AcquireTokenForClient([Scope]).ExecuteAsync(ct);
    }

    /// <summary>The bearer token for the next Connector call, or null in anonymous mode.</summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken) =>
        _acquire is null ? null : (await _acquire(cancellationToken).ConfigureAwait(false)).AccessToken;
}

/// <summary>Gives MSAL its HTTP client from IHttpClientFactory, so tests and proxies can configure it like any other.</summary>
public sealed class MsalHttpClientFactory(IHttpClientFactory httpClients) : IMsalHttpClientFactory
{
    public const string ClientName = "BackCareBot.Msal";

    public HttpClient GetHttpClient() => httpClients.CreateClient(ClientName);
}
