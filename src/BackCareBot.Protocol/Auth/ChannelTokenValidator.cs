using BackCareBot.Protocol.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BackCareBot.Protocol.Auth;

/// <summary>The verdict on one incoming request: accepted (with or without a token) or rejected with a short reason.</summary>
public sealed record ChannelAuthResult(bool Succeeded, bool Anonymous, string? Reason)
{
    public static readonly ChannelAuthResult AnonymousAccess = new(true, true, null);
    public static readonly ChannelAuthResult Authenticated = new(true, false, null);

    public static ChannelAuthResult Reject(string reason) => new(false, false, reason);
}

/// <summary>
/// Checks the channel's JWT on POST /api/messages as the Bot Framework SDK does: Bearer scheme, signature by a key
/// from the channel's OpenID metadata, issuer, audience, lifetime with 5 minutes skew, key endorsement for the
/// activity's channel and the serviceurl claim. Emulator tokens (Entra ID v1/v2 issuers) are checked against the
/// Entra ID metadata instead.
/// </summary>
public sealed class ChannelTokenValidator : IDisposable
{
    public const string MetadataClientName = "BackCareBot.OpenIdMetadata";
    public const string ChannelIssuer = "https://api.botframework.com";

    private static readonly Task<ChannelAuthResult> AnonymousAccess = Task.FromResult(ChannelAuthResult.AnonymousAccess);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotAuthenticationOptions _options;
    private readonly SigningKeySource _channelKeys;
    private readonly SigningKeySource _emulatorKeys;
    private readonly HashSet<string> _emulatorIssuers;
    private JsonWebTokenHandler? _handler;

    public ChannelTokenValidator(IOptions<BotAuthenticationOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        _options = options.Value;
        var http = httpClients.CreateClient(MetadataClientName);
        _channelKeys = new SigningKeySource(_options.BotOpenIdMetadataUrl, http, time, _options.BotSigningKeyMaxAge, _options.BotUnknownKeyRefreshInterval);
        _emulatorKeys = new SigningKeySource(_options.BotEmulatorOpenIdMetadataUrl, http, time, _options.BotSigningKeyMaxAge, _options.BotUnknownKeyRefreshInterval);
        IEnumerable<string> tenants = string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId)
            ? _options.BotEmulatorTenantIds
            : [.. _options.BotEmulatorTenantIds, _options.MicrosoftAppTenantId.Trim()];
        _emulatorIssuers = new HashSet<string>(
            tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" }),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// In anonymous mode every request is accepted without touching the token code: the JWT handler and its
    /// assemblies (~2 MB of code) are loaded only by a bot with an app id.
    /// </summary>
    public Task<ChannelAuthResult> ValidateAsync(string? authorization, Activity activity, CancellationToken cancellationToken) =>
        _options.IsAnonymous ? AnonymousAccess : ValidateTokenAsync(authorization, activity, cancellationToken);

    private async Task<ChannelAuthResult> ValidateTokenAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return ChannelAuthResult.Reject("The Authorization header is missing.");
        }

        const string Scheme = "Bearer ";
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length == Scheme.Length)
        {
            return ChannelAuthResult.Reject("The Authorization scheme must be Bearer.");
        }

        var token = authorization[Scheme.Length..].Trim();
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return ChannelAuthResult.Reject("The bearer token is not a JWT.");
        }

        var fromEmulator = _emulatorIssuers.Contains(jwt.Issuer);
        SigningKey? key;
        try
        {
            key = await (fromEmulator ? _emulatorKeys : _channelKeys).FindAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return ChannelAuthResult.Reject("The signing keys could not be fetched.");
        }

        if (key is null)
        {
            return ChannelAuthResult.Reject("The token's signing key is unknown.");
        }

        var result = await Handler.ValidateTokenAsync(token, Parameters(key, fromEmulator)).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return ChannelAuthResult.Reject(Describe(result.Exception));
        }

        if (key.Endorsements.Count > 0 && !key.Endorsements.Contains(activity.ChannelId ?? string.Empty, StringComparer.Ordinal))
        {
            return ChannelAuthResult.Reject("The signing key is not endorsed for this channel.");
        }

        return fromEmulator ? CheckEmulatorApp(jwt) : CheckServiceUrl(jwt, activity);
    }

    private JsonWebTokenHandler Handler => _handler ??= new();

    public void Dispose()
    {
        _channelKeys.Dispose();
        _emulatorKeys.Dispose();
    }

    private TokenValidationParameters Parameters(SigningKey key, bool fromEmulator)
    {
        var appId = _options.MicrosoftAppId!.Trim();
        return new TokenValidationParameters
        {
            ValidIssuers = fromEmulator ? _emulatorIssuers : [ChannelIssuer],
            ValidAudiences = [appId, $"api://{appId}"],
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
        };
    }

    private static ChannelAuthResult CheckServiceUrl(JsonWebToken jwt, Activity activity) =>
        jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) && string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.Ordinal)
            ? ChannelAuthResult.Authenticated
            : ChannelAuthResult.Reject("The token's serviceurl claim does not match the activity's serviceUrl.");

    // Emulator tokens are obtained with the bot's own credentials: v1 names the caller in appid, v2 in azp.
    private ChannelAuthResult CheckEmulatorApp(JsonWebToken jwt)
    {
        var claim = jwt.TryGetPayloadValue<string>("ver", out var version) && version == "2.0" ? "azp" : "appid";
        return jwt.TryGetPayloadValue<string>(claim, out var caller) && string.Equals(caller, _options.MicrosoftAppId!.Trim(), StringComparison.Ordinal)
            ? ChannelAuthResult.Authenticated
            : ChannelAuthResult.Reject("The Emulator token was not issued to this bot.");
    }

    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not this bot.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature is invalid.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        _ => "The token is invalid.",
    };
}
