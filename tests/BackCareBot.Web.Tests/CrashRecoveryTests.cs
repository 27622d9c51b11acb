using System.Net;
using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>
/// The real bot process killed (SIGKILL) after it stored a turn and before its reply reached the Connector. After a
/// restart on the same store the lost question reaches the Connector exactly once: through the channel's retry of
/// that activity, or with no retry at all through the start-up sweep of undelivered replies (SQLite, and Blob on
/// Azurite); either way the answer to it is then accepted.
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
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task A_kill_between_the_stored_turn_and_the_send_loses_no_question()
    {
        var settings = BotHost.Anonymous();
        var answer = TeamsUser.Message(_connector, "no", "1717311000004");
        var (lost, before) = await KillMidSendAsync(settings, answer);

        await using var restarted = await BotProcess.StartAsync(_data, settings);
        using var retry = await restarted.Client.PostActivityAsync(answer);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await AssertDeliveredOnceThenAnsweredAsync(restarted, lost, before);
    }

    [Fact]
    public async Task A_restart_alone_delivers_the_question_lost_in_the_kill()
    {
        var settings = BotHost.Anonymous();
        var (lost, before) = await KillMidSendAsync(settings, TeamsUser.Message(_connector, "no", "1717311000004"));

        await using var restarted = await BotProcess.StartAsync(_data, settings);

        await AssertDeliveredOnceThenAnsweredAsync(restarted, lost, before);
    }

    [Fact]
    public async Task A_restart_alone_delivers_the_question_lost_in_the_kill_on_blob_storage()
    {
        await using var azurite = await Azurite.StartAsync(withQueue: true);
        var settings = new Dictionary<string, string?>(BotHost.Anonymous())
        {
            ["Storage:Kind"] = "Blob",
            ["Storage:Blob:ConnectionString"] = azurite.ConnectionString,
        };
        var (lost, before) = await KillMidSendAsync(settings, TeamsUser.Message(_connector, "no", "1717311000004"));

        await using var restarted = await BotProcess.StartAsync(_data, settings);

        await AssertDeliveredOnceThenAnsweredAsync(restarted, lost, before);
    }

    /// <summary>Walks to the spine-surgery question, posts its answer and kills the bot while that turn's reply is in flight.</summary>
    private async Task<(string Lost, int Before)> KillMidSendAsync(IReadOnlyDictionary<string, string?> settings, JsonNode answer)
    {
        // The stand-in holds the send until the kill: on a loaded machine the default 2 s attempt timeout could end
        // the turn first, and the kill would then land after the request had already been answered.
        var held = new Dictionary<string, string?>(settings)
        {
            ["Connector:AttemptTimeout"] = "00:01:00",
            ["Connector:TotalTimeout"] = "00:02:00",
        };
        await using var bot = await BotProcess.StartAsync(_data, held);
        var user = new TeamsUser(bot.Client, _connector);
        await user.SayAllAsync("hi", "yes", "16 to 49", "no");
        var before = _connector.Requests.Count;
        _released.Reset();
        var post = bot.Client.PostActivityAsync(answer);
        Assert.True(_holding.Wait(TimeSpan.FromMinutes(1)), "the bot never sent the reply");
        var lost = Assert.Single(user.SentSince(before));

        await bot.KillAsync();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => post);
        before = _connector.Requests.Count;
        _released.Set();
        return (lost, before);
    }

    private async Task AssertDeliveredOnceThenAnsweredAsync(BotProcess restarted, string lost, int before)
    {
        var user = new TeamsUser(restarted.Client, _connector, firstId: 100);
        // A bound for a loaded machine: the sweep runs as the process starts.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!user.SentSince(before).Contains(lost) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal([lost], user.SentSince(before));
        var afterDelivery = _connector.Requests.Count;
        await user.SayAllAsync("no");
        var next = user.SentSince(afterDelivery);
        Assert.NotEmpty(next);
        Assert.DoesNotContain(lost, next);
        Assert.Equal([lost], user.SentSince(before).Where(sent => sent == lost));
    }
}
