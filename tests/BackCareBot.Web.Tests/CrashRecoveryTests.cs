using System.Net;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>
/// The real bot process killed (SIGKILL) after it stored a turn and before its reply reached the Connector: after a
/// restart on the same SQLite file, the channel's retry of that activity delivers the lost question, and the answer
/// to it is accepted.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "bcb-crash-" + Guid.NewGuid().ToString("N"));
    private readonly ManualResetEventSlim _released = new(initialState: true);
    private readonly ManualResetEventSlim _holding = new(initialState: false);
    private LocalServer _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorStandIn.StartAsync(_ =>
    {
        if (!_released.IsSet)
        {
            // The send is in flight: the turn was stored before it. Held until the test has killed the bot.
            _holding.Set();
            _released.Wait(TimeSpan.FromMinutes(1));
        }

        return new LocalResponse(200, """{"id":"1"}""");
    });

    public async Task DisposeAsync()
    {
        _released.Set();
        await _connector.DisposeAsync();
        _released.Dispose();
        _holding.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_kill_between_the_stored_turn_and_the_send_loses_no_question()
    {
        var settings = BotHost.Anonymous();
        // The stand-in holds the send until the kill: on a loaded machine the default 2 s attempt timeout could end
        // the turn first, and the kill would then land after the request had already been answered.
        settings["Connector:AttemptTimeout"] = "00:01:00";
        settings["Connector:TotalTimeout"] = "00:02:00";
        string lost;
        var answer = TeamsUser.Message(_connector, "no", "1717311000004");
        await using (var bot = await BotProcess.StartAsync(_data, settings))
        {
            var user = new TeamsUser(bot.Client, _connector);
            await user.SayAllAsync("hi", "yes", "16 to 49", "no");
            var before = _connector.Requests.Count;
            _released.Reset();
            var post = bot.Client.PostActivityAsync(answer);
            Assert.True(_holding.Wait(TimeSpan.FromMinutes(1)), "the bot never sent the reply");
            lost = Assert.Single(user.SentSince(before));

            await bot.KillAsync();

            await Assert.ThrowsAnyAsync<HttpRequestException>(() => post);
            _released.Set();
        }

        await using (var restarted = await BotProcess.StartAsync(_data, settings))
        {
            var user = new TeamsUser(restarted.Client, _connector);
            var before = _connector.Requests.Count;

            using var retry = await restarted.Client.PostActivityAsync(answer);

            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal([lost], user.SentSince(before));
            var afterRetry = _connector.Requests.Count;
            await user.SayAllAsync("no");
            var next = user.SentSince(afterRetry);
            Assert.NotEmpty(next);
            Assert.DoesNotContain(lost, next);
        }
    }
}
