using System.Text.Json;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Tests.Shared;
using BackCareBot.Web.Care;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>
/// The check-in scheduler in the real host, on a clock the test moves: due check-ins go out through the local
/// Connector once each — many in one minute, after a restart, after a failed send, from two instances on one
/// Azure Storage account — and a removed bot's plan is dropped.
/// </summary>
public sealed class CheckInSchedulerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 2, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 6, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new();
    private readonly List<BotHost> _hosts = [];
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "checkins-" + Guid.NewGuid().ToString("N"));
    private Func<RecordedRequest, LocalResponse> _connectorAnswer = _ => new LocalResponse(200, """{"id":"1"}""");
    private LocalServer _connector = null!;

    public async Task InitializeAsync()
    {
        _clock.SetUtcNow(Start);
        _connector = await ConnectorStandIn.StartAsync(r => _connectorAnswer(r));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _connector.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_thousand_users_due_in_the_same_minute_each_get_one_check_in()
    {
        var host = Host();
        await PlanAsync(host, 1000, Due);

        _clock.SetUtcNow(Due.AddMinutes(-1));
        Assert.Equal(0, await SweepAsync(host));
        _clock.SetUtcNow(Due.AddSeconds(30));
        Assert.Equal(1000, await SweepAsync(host));
        Assert.Equal(0, await SweepAsync(host));

        var greetings = Greetings();
        Assert.Equal(1000, greetings.Count);
        Assert.Equal(1000, greetings.Distinct().Count());
    }

    [Fact]
    public async Task A_check_in_planned_before_a_restart_is_sent_after_it_and_the_next_day_is_planned()
    {
        var before = Host(Sqlite());
        await PlanAsync(before, 3, Due);
        await before.DisposeAsync();
        _hosts.Remove(before);

        var after = Host(Sqlite());
        _clock.SetUtcNow(Due.AddMinutes(1));
        Assert.Equal(3, await SweepAsync(after));
        Assert.Equal(3, Greetings().Count);

        _clock.SetUtcNow(Due.AddDays(1).AddMinutes(1));
        Assert.Equal(3, await SweepAsync(after));
        Assert.Equal(6, Greetings().Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_send_is_tried_again_later_and_arrives_once(bool sqlite)
    {
        var host = Host(sqlite ? Sqlite() : null);
        await PlanAsync(host, 1, Due);
        _connectorAnswer = _ => new LocalResponse(503);

        _clock.SetUtcNow(Due.AddMinutes(1));
        Assert.Equal(0, await SweepAsync(host));
        _connectorAnswer = _ => new LocalResponse(200, """{"id":"1"}""");
        var failed = _connector.Requests.Count;
        Assert.Equal(0, await SweepAsync(host));

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await SweepAsync(host));
        var delivered = _connector.Requests.Skip(failed).ToList();
        Assert.Single(delivered, r => r.Body.Contains("Good morning", StringComparison.Ordinal));
        Assert.Single(delivered, r => r.Body.Contains("how bad is your back pain this morning", StringComparison.Ordinal));

        // Today's check-in is done; tomorrow's is still planned.
        _clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await SweepAsync(host));
        _clock.SetUtcNow(Due.AddDays(1));
        Assert.Equal(1, await SweepAsync(host));
    }

    [Fact]
    public async Task A_failed_check_in_delivered_by_the_sweep_of_undelivered_replies_is_not_sent_again_by_the_retry()
    {
        var host = Host(new() { ["Delivery:SweepInterval"] = "00:00:00.200" });
        await PlanAsync(host, 1, Due);
        _connectorAnswer = _ => new LocalResponse(503);
        _clock.SetUtcNow(Due.AddMinutes(1));
        Assert.Equal(0, await SweepAsync(host));

        // The stored check-in goes out with the next sweep of undelivered replies once the Connector answers again.
        var failed = _connector.Requests.Count;
        _connectorAnswer = _ => new LocalResponse(200, """{"id":"1"}""");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Greetings(failed).Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.Single(Greetings(failed));

        // The scheduler's retry comes later: the check-in was seen, so nothing is sent again.
        _clock.Advance(TimeSpan.FromMinutes(6));
        await SweepAsync(host);
        Assert.Single(Greetings(failed));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_removed_bot_drops_the_plan_and_its_stored_check_in(int status)
    {
        // Sweeps of undelivered replies every 100 ms: a check-in the Connector refused for good is not among them.
        var host = Host(new() { ["Delivery:SweepInterval"] = "00:00:00.100" });
        await PlanAsync(host, 1, Due);
        _connectorAnswer = _ => new LocalResponse(status);

        _clock.SetUtcNow(Due.AddMinutes(1));
        Assert.Equal(0, await SweepAsync(host));
        var tried = _connector.Requests.Count;
        Assert.True(tried > 0);

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(tried, _connector.Requests.Count);
        await foreach (var pending in host.Services.GetRequiredService<IStateStore>().ListPendingAsync(CancellationToken.None))
        {
            Assert.Fail($"Still stored as undelivered: {pending}");
        }

        _connectorAnswer = _ => new LocalResponse(200, """{"id":"1"}""");
        _clock.SetUtcNow(Due.AddDays(2));
        Assert.Equal(0, await SweepAsync(host));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(tried, _connector.Requests.Count);
    }

    [Fact]
    public async Task Two_instances_on_one_blob_container_and_queue_send_each_check_in_once()
    {
        await using var azurite = await Azurite.StartAsync(withQueue: true);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Dictionary<string, string?> storage = new()
        {
            ["Storage:Kind"] = "Blob",
            ["Storage:Blob:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Blob:Container"] = "state" + suffix,
            ["CheckIn:Container"] = "checkins" + suffix,
            ["CheckIn:Queue"] = "checkins" + suffix,
            ["CheckIn:BatchSize"] = "10",
        };
        var one = Host(storage);
        var two = Host(storage);
        // The queue hides each message until its due time, in real time: due a second from now.
        var due = _clock.GetUtcNow().AddSeconds(1);
        await PlanAsync(one, 40, due);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        _clock.SetUtcNow(due.AddSeconds(1));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Greetings().Count < 40 && DateTime.UtcNow < deadline)
        {
            await Task.WhenAll(SweepAsync(one), SweepAsync(two), SweepAsync(one), SweepAsync(two));
        }

        Assert.Equal(0, (await Task.WhenAll(SweepAsync(one), SweepAsync(two))).Sum());
        var greetings = Greetings();
        Assert.Equal(40, greetings.Count);
        Assert.Equal(40, greetings.Distinct().Count());
    }

    [Theory]
    [InlineData("CheckIn:BatchSize", "0")]
    [InlineData("CheckIn:Lease", "-00:01:00")]
    [InlineData("CheckIn:Every", "00:00:00")]
    public async Task Bad_check_in_settings_stop_the_host_naming_the_section(string setting, string value)
    {
        var settings = BotHost.Anonymous();
        settings[setting] = value;
        await using var host = new BotHost(settings);

        Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var line = Assert.Single(host.Logs.Lines, l => l.Contains("BackCareBot cannot start", StringComparison.Ordinal));
        Assert.Contains("BackCareBot cannot start: CheckIn: ", line, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Sqlite() => new() { ["Storage:Kind"] = "Sqlite", ["Storage:DataFolder"] = _dataFolder };

    private BotHost Host(Dictionary<string, string?>? storage = null)
    {
        var settings = BotHost.Anonymous();
        // The test sweeps by hand; the background sweep runs only at start-up.
        settings["CheckIn:PollInterval"] = "30.00:00:00";
        foreach (var (key, value) in storage ?? [])
        {
            settings[key] = value;
        }

        var host = new BotHost(settings, services => services.AddSingleton<TimeProvider>(_clock));
        _hosts.Add(host);
        // Started now, so its start-up sweep runs before the test moves the clock.
        _ = host.Services;
        return host;
    }

    private static Task<int> SweepAsync(BotHost host) => host.Services.GetRequiredService<CheckInScheduler>().SweepAsync(CancellationToken.None);

    /// <summary>The conversations that got the check-in greeting, once per greeting sent.</summary>
    private List<string> Greetings(int skip = 0) =>
        [.. _connector.Requests.Skip(skip).Where(r => r.Method == "POST" && r.Body.Contains("Good morning", StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("conversation").GetProperty("id").GetString()!)];

    /// <summary>Users who finished the assessment and opted into a daily check-in at 07:00 London time (06:00 UTC in June).</summary>
    private async Task PlanAsync(BotHost host, int users, DateTimeOffset due)
    {
        var store = host.Services.GetRequiredService<IStateStore>();
        var index = host.Services.GetRequiredService<ICheckInIndex>();
        await Parallel.ForEachAsync(Enumerable.Range(0, users), async (i, token) =>
        {
            var conversation = $"a:user-{i}";
            var key = $"conversation/msteams/{conversation}";
            var reference = new ConversationReference
            {
                ChannelId = "msteams", ServiceUrl = _connector.BaseAddress.ToString(), Conversation = new ConversationAccount { Id = conversation },
                User = new ChannelAccount { Id = $"29:user-{i}" }, Bot = new ChannelAccount { Id = "28:bot" }, Locale = "en-GB",
            };
            var state = new CareState
            {
                CheckIn = new CheckInPlan { TimeZone = "Europe/London", Minutes = 7 * 60, StartedOn = new DateOnly(2026, 6, 1) },
                CheckInDue = due,
                CheckInReference = reference,
            };
            state.Dialog.Answers["pain_now"] = "4";
            await store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), null, token);
            await index.ScheduleAsync(new CheckInEntry { StateKey = key, Due = due, Reference = reference }, token);
        });
    }
}
