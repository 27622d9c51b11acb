using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BackCareBot.Protocol.Auth;
using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>Forged and valid channel tokens against POST /api/messages of a bot with an app id.</summary>
public sealed class ChannelAuthenticationTests : IAsyncLifetime
{
    private SecuredBot _bot = null!;

    public static TheoryData<string, string> ForgedTokens => new()
    {
        { "no header", "header is missing" },
        { "not bearer", "must be Bearer" },
        { "bad signature", "signature is invalid" },
        { "wrong issuer", "issuer is not accepted" },
        { "wrong audience", "audience is not this bot" },
        { "expired", "has expired" },
        { "not yet valid", "not valid yet" },
        { "key not endorsed for the channel", "not endorsed for this channel" },
        { "serviceurl mismatch", "serviceurl claim does not match" },
        { "serviceurl missing", "serviceurl claim does not match" },
        { "unknown key id", "signing key is unknown" },
        { "not a jwt", "not a JWT" },
        { "hs256 with a shared secret", "signature is invalid" },
    };

    public async Task InitializeAsync() => _bot = await SecuredBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_request_gets_401_and_the_bot_does_not_run(string forgery, string reason)
    {
        var activity = Hi();
        var serviceUrl = _bot.Connector.BaseAddress.ToString();
        var valid = new TokenShape { ServiceUrl = serviceUrl };
        using var wrongKey = RSA.Create(2048);
        var authorization = forgery switch
        {
            "no header" => null,
            "not bearer" => $"Basic {_bot.Authority.CreateToken(valid)}",
            "bad signature" => Bearer(valid with { SigningKey = wrongKey }),
            "wrong issuer" => Bearer(valid with { Issuer = "https://api.botframework.example" }),
            "wrong audience" => Bearer(valid with { Audience = "00000000-0000-0000-0000-0000000000ff" }),
            "expired" => Bearer(valid with { NotBeforeOffset = TimeSpan.FromMinutes(-30), ExpiresOffset = TimeSpan.FromMinutes(-6) }),
            "not yet valid" => Bearer(valid with { NotBeforeOffset = TimeSpan.FromMinutes(6), ExpiresOffset = TimeSpan.FromMinutes(30) }),
            "key not endorsed for the channel" => Bearer(valid with { Kid = "sms-only-key" }),
            "serviceurl mismatch" => Bearer(valid with { ServiceUrl = "https://smba.trafficmanager.net/emea/" }),
            "serviceurl missing" => Bearer(valid with { ServiceUrl = null }),
            "unknown key id" => Bearer(valid with { Kid = "never-published", SigningKey = wrongKey }),
            "not a jwt" => "Bearer not-a-token",
            "hs256 with a shared secret" => Bearer(valid with { Algorithm = SecurityAlgorithms.HmacSha256, HmacSecret = RandomNumberGenerator.GetBytes(64) }),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var response = await PostAsync(activity, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Unauthorized\"", body, StringComparison.Ordinal);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task Valid_channel_token_runs_the_bot_and_the_reply_carries_the_bot_token()
    {
        var response = await PostAsync(Hi(), Bearer(new TokenShape { ServiceUrl = _bot.Connector.BaseAddress.ToString() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_bot.Connector.Requests);
        Assert.Equal($"Bearer {Assert.Single(_bot.Authority.IssuedAccessTokens)}", sent.Authorization);
        var tokenRequest = Assert.Single(_bot.Authority.TokenRequests);
        Assert.StartsWith($"/{ChannelAuthority.TenantId}/oauth2/v2.0/token", tokenRequest.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multi_tenant_bot_gets_its_token_from_the_botframework_tenant()
    {
        await using var bot = await SecuredBot.StartAsync(settings: s =>
        {
            s["MicrosoftAppType"] = "MultiTenant";
            s["MicrosoftAppTenantId"] = "";
        });

        using var response = await bot.Client.PostActivityAsync(bot.Hi(), bot.Bearer(bot.ValidToken()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/botframework.com/oauth2/v2.0/token", Assert.Single(bot.Authority.TokenRequests).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal($"Bearer {Assert.Single(bot.Authority.IssuedAccessTokens)}", Assert.Single(bot.Connector.Requests).Authorization);
    }

    [Fact]
    public async Task A_refused_token_request_gives_a_connector_exception_and_nothing_is_sent()
    {
        await using var bot = await SecuredBot.StartAsync(settings: s => s["MicrosoftAppTenantId"] = "00000000-0000-0000-0000-0000000000dd");
        bot.Host.Services.GetRequiredService<TrustedServiceUrls>().Trust(bot.Connector.BaseAddress.ToString());
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            ServiceUrl = bot.Connector.BaseAddress.ToString(),
            Conversation = new ConversationAccount { Id = "a:1test-personal-conversation-id" },
        };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bot.Host.Services.GetRequiredService<ConnectorClient>().SendAsync(reply, CancellationToken.None));

        Assert.Contains("token could not be obtained", error.Message, StringComparison.Ordinal);
        Assert.Single(bot.Authority.TokenRequests);
        Assert.Empty(bot.Connector.Requests);
    }

    [Fact]
    public async Task Second_reply_reuses_the_cached_bot_token()
    {
        var serviceUrl = _bot.Connector.BaseAddress.ToString();
        await PostAsync(Hi(), Bearer(new TokenShape { ServiceUrl = serviceUrl }));
        var second = Hi();
        second["id"] = "1717310799001";
        var response = await PostAsync(second, Bearer(new TokenShape { ServiceUrl = serviceUrl }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _bot.Connector.Requests.Count);
        Assert.Single(_bot.Authority.TokenRequests);
        Assert.All(_bot.Connector.Requests, r => Assert.Equal("Bearer connector-token-1", r.Authorization));
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task Other_rsa_algorithms_are_accepted(string algorithm)
    {
        var response = await PostAsync(Hi(), Bearer(new TokenShape { ServiceUrl = _bot.Connector.BaseAddress.ToString(), Algorithm = algorithm }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Audience_in_api_form_is_accepted()
    {
        var shape = new TokenShape { ServiceUrl = _bot.Connector.BaseAddress.ToString(), Audience = $"api://{ChannelAuthority.AppId}" };

        var response = await PostAsync(Hi(), Bearer(shape));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData($"https://sts.windows.net/{ChannelAuthority.TenantId}/", "1.0", "appid", ChannelAuthority.AppId, HttpStatusCode.OK)]
    [InlineData($"https://login.microsoftonline.com/{ChannelAuthority.TenantId}/v2.0", "2.0", "azp", ChannelAuthority.AppId, HttpStatusCode.OK)]
    [InlineData($"https://sts.windows.net/{ChannelAuthority.TenantId}/", "1.0", "appid", "00000000-0000-0000-0000-0000000000ff", HttpStatusCode.Unauthorized)]
    [InlineData("https://sts.windows.net/00000000-0000-0000-0000-0000000000ee/", "1.0", "appid", ChannelAuthority.AppId, HttpStatusCode.Unauthorized)]
    public async Task Emulator_tokens_from_entra_id_are_checked_against_the_entra_metadata(string issuer, string version, string callerClaim, string caller, HttpStatusCode expected)
    {
        var shape = new TokenShape
        {
            Issuer = issuer,
            Kid = "emulator-key",
            ExtraClaims = new Dictionary<string, object> { ["ver"] = version, [callerClaim] = caller },
        };

        var response = await PostAsync(Hi(), Bearer(shape));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, _bot.Connector.Requests.Count);
    }

    private JsonNode Hi() => _bot.Hi();

    private string Bearer(TokenShape shape) => _bot.Bearer(shape);

    private Task<HttpResponseMessage> PostAsync(JsonNode activity, string? authorization) => _bot.Client.PostActivityAsync(activity, authorization);
}
