using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>Forged and valid channel tokens against POST /api/messages of a bot with an app id.</summary>
public sealed class ChannelAuthenticationTests : IAsyncLifetime
{
    private ChannelAuthority _authority = null!;
    private LocalServer _connector = null!;
    private BotHost _host = null!;
    private HttpClient _client = null!;

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
    };

    public async Task InitializeAsync()
    {
        _authority = await ChannelAuthority.StartAsync();
        _connector = await ConnectorStandIn.StartAsync();
        _host = new BotHost(BotHost.SingleTenant(_authority), s => s.TrustAuthority(_authority));
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_request_gets_401_and_the_bot_does_not_run(string forgery, string reason)
    {
        var activity = Hi();
        var serviceUrl = _connector.BaseAddress.ToString();
        var valid = new TokenShape { ServiceUrl = serviceUrl };
        using var wrongKey = RSA.Create(2048);
        var authorization = forgery switch
        {
            "no header" => null,
            "not bearer" => $"Basic {_authority.CreateToken(valid)}",
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
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var response = await PostAsync(activity, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Unauthorized\"", body, StringComparison.Ordinal);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Valid_channel_token_runs_the_bot_and_the_reply_carries_the_bot_token()
    {
        var response = await PostAsync(Hi(), Bearer(new TokenShape { ServiceUrl = _connector.BaseAddress.ToString() }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_connector.Requests);
        Assert.Equal($"Bearer {Assert.Single(_authority.IssuedAccessTokens)}", sent.Authorization);
        var tokenRequest = Assert.Single(_authority.TokenRequests);
        Assert.StartsWith($"/{ChannelAuthority.TenantId}/oauth2/v2.0/token", tokenRequest.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_reply_reuses_the_cached_bot_token()
    {
        var serviceUrl = _connector.BaseAddress.ToString();
        await PostAsync(Hi(), Bearer(new TokenShape { ServiceUrl = serviceUrl }));
        var second = Hi();
        second["id"] = "1717310799001";
        var response = await PostAsync(second, Bearer(new TokenShape { ServiceUrl = serviceUrl }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _connector.Requests.Count);
        Assert.Single(_authority.TokenRequests);
        Assert.All(_connector.Requests, r => Assert.Equal("Bearer connector-token-1", r.Authorization));
    }

    [Fact]
    public async Task Audience_in_api_form_is_accepted()
    {
        var shape = new TokenShape { ServiceUrl = _connector.BaseAddress.ToString(), Audience = $"api://{ChannelAuthority.AppId}" };

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
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, _connector.Requests.Count);
    }

    private JsonNode Hi() => ConnectorStandIn.Fixture("teams-message-personal-text.json", _connector.BaseAddress, "hi");

    private string Bearer(TokenShape shape) => $"Bearer {_authority.CreateToken(shape)}";

    private async Task<HttpResponseMessage> PostAsync(JsonNode activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await _client.SendAsync(request);
    }
}
