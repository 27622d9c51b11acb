namespace BackCareBot.Protocol.Auth;

/// <summary>
/// The bot's identity and the endpoints used to check and obtain tokens. Bound from the root configuration keys
/// Azure Bot users know (MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId).
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string SingleTenant = "SingleTenant";
    public const string MultiTenant = "MultiTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata of the Bot Framework channel service (its jwks_uri lists the signing keys).</summary>
    public string BotOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata for tokens the Bot Framework Emulator obtains from Entra ID.</summary>
    public string BotEmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    /// <summary>Entra ID host the outgoing token is requested from.</summary>
    public string BotTokenAuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Tenants whose Entra ID tokens are accepted as Emulator tokens (the Bot Framework tenants, plus MicrosoftAppTenantId).</summary>
    public List<string> BotEmulatorTenantIds { get; set; } = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    /// <summary>Signing keys older than this are fetched again.</summary>
    public TimeSpan BotSigningKeyMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Shortest time between refreshes caused by an unknown key id (keys roll over rarely; forged kids must not flood the metadata host).</summary>
    public TimeSpan BotUnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>No app id: requests are accepted without a token and outgoing calls carry none (local development).</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool Is(string appType) => string.Equals(MicrosoftAppType?.Trim(), appType, StringComparison.OrdinalIgnoreCase);
}
