using System.Net;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>The signing-key cache: fetched once, refreshed for an unknown key id at most once per interval, and daily.</summary>
public sealed class SigningKeyRefreshTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private SecuredBot _bot = null!;
    private int _nextId;

    public async Task InitializeAsync() => _bot = await SecuredBot.StartAsync(s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Unknown_key_id_triggers_exactly_one_metadata_refresh_per_interval()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(1, _bot.Authority.MetadataFetches);

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("forged-kid-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("forged-kid-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("forged-kid-3"));

        Assert.Equal(2, _bot.Authority.MetadataFetches);
    }

    [Fact]
    public async Task Rolled_over_key_is_picked_up_by_the_refresh()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        _bot.Authority.Publish("next-key", "msteams");

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("next-key"));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("next-key"));
        Assert.Equal(2, _bot.Authority.MetadataFetches);
    }

    [Fact]
    public async Task Keys_older_than_a_day_are_fetched_again_even_for_a_known_key_id()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(1, _bot.Authority.MetadataFetches);

        _clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("channel-key"));
        Assert.Equal(2, _bot.Authority.MetadataFetches);
    }

    private async Task<HttpStatusCode> PostAsync(string kid)
    {
        var activity = _bot.Hi();
        activity["id"] = $"17173107{Interlocked.Increment(ref _nextId):D5}";
        using var signer = kid.StartsWith("forged", StringComparison.Ordinal) ? System.Security.Cryptography.RSA.Create(2048) : null;
        using var response = await _bot.Client.PostActivityAsync(activity, _bot.Bearer(_bot.ValidToken() with { Kid = kid, SigningKey = signer }));
        return response.StatusCode;
    }
}
