using System.Net;
using System.Text;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>The signing-key cache: fetched once, refreshed for an unknown key id at most once per interval, and daily.</summary>
public sealed class SigningKeyRefreshTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private ChannelAuthority _authority = null!;
    private LocalServer _connector = null!;
    private BotHost _host = null!;
    private HttpClient _client = null!;
    private int _nextId;

    public async Task InitializeAsync()
    {
        _authority = await ChannelAuthority.StartAsync();
        _connector = await ConnectorStandIn.StartAsync();
        _host = new BotHost(BotHost.SingleTenant(_authority), s =>
        {
            s.TrustAuthority(_authority);
            s.AddSingleton<TimeProvider>(_clock);
        });
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task Unknown_key_id_triggers_exactly_one_metadata_refresh_per_interval()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(1, _authority.MetadataFetches);

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("forged-kid-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("forged-kid-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("forged-kid-3"));

        Assert.Equal(2, _authority.MetadataFetches);
    }

    [Fact]
    public async Task Rolled_over_key_is_picked_up_by_the_refresh()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        _authority.Publish("next-key", "msteams");

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("next-key"));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("next-key"));
        Assert.Equal(2, _authority.MetadataFetches);
    }

    [Fact]
    public async Task Keys_older_than_a_day_are_fetched_again_even_for_a_known_key_id()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(1, _authority.MetadataFetches);

        _clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(2, _authority.MetadataFetches);
    }

    private async Task<HttpStatusCode> PostAsync(string kid)
    {
        var activity = ConnectorStandIn.Fixture("teams-message-personal-text.json", _connector.BaseAddress, "hi");
        activity["id"] = $"17173107{Interlocked.Increment(ref _nextId):D5}";
        using var signer = kid.StartsWith("forged", StringComparison.Ordinal) ? System.Security.Cryptography.RSA.Create(2048) : null;
        var token = _authority.CreateToken(new TokenShape { ServiceUrl = _connector.BaseAddress.ToString(), Kid = kid, SigningKey = signer });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }
}
