using System.Text.Json;
using BackCareBot.Care;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Web.Care;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BackCareBot.Web.Tests;

/// <summary>The morning check-in scheduler on the host's one clock: nothing before it is due, one check-in once it is.</summary>
public sealed class CheckInSchedulerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
    private LocalServer _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorStandIn.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task SendDueAsync_sends_a_check_in_only_once_it_is_due_and_then_drops_it()
    {
        // A poll far longer than the test moves the clock: only the explicit sweeps below run.
        await using var host = Host("3600");
        using var client = host.CreateClient();
        var store = host.Services.GetRequiredService<IStateStore>();
        var key = await PlanCheckInAsync(store, "conv-due", _time.GetUtcNow().AddMinutes(30));
        var scheduler = host.Services.GetServices<IHostedService>().OfType<CheckInScheduler>().Single();

        Assert.Equal(0, await scheduler.SendDueAsync(_time.GetUtcNow(), default));
        Assert.Empty(_connector.Requests);

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await scheduler.SendDueAsync(_time.GetUtcNow(), default));

        Assert.Contains(_connector.Requests, r => r.Body.Contains("Good morning", StringComparison.Ordinal));
        Assert.Null(await store.ReadAsync(CareBot.CheckInKey(key), default));
        Assert.Equal(0, await scheduler.SendDueAsync(_time.GetUtcNow(), default));
    }

    [Fact]
    public async Task The_scheduler_sweeps_on_the_injected_clock()
    {
        await using var host = Host("60");
        using var client = host.CreateClient();
        await PlanCheckInAsync(host.Services.GetRequiredService<IStateStore>(), "conv-loop", _time.GetUtcNow().AddMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(6));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!_connector.Requests.Any(r => r.Body.Contains("Good morning", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(_connector.Requests, r => r.Body.Contains("Good morning", StringComparison.Ordinal));
    }

    private BotHost Host(string pollSeconds)
    {
        var settings = BotHost.Anonymous();
        settings["Care:CheckInPollSeconds"] = pollSeconds;
        return new BotHost(settings, s => s.AddSingleton<TimeProvider>(_time));
    }

    /// <summary>What a "yes" to the check-in offer leaves: the due time in the state, and the scheduler's index entry.</summary>
    private async Task<string> PlanCheckInAsync(IStateStore store, string conversationId, DateTimeOffset due)
    {
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = _connector.BaseAddress.ToString(),
            Conversation = new ConversationAccount { Id = conversationId },
            User = new ChannelAccount { Id = "user-1" },
            Bot = new ChannelAccount { Id = "bot-1" },
            Locale = "en-GB",
        };
        var key = CareBot.StateKey(new Activity { ChannelId = reference.ChannelId, Conversation = reference.Conversation });
        var state = new CareState { CheckInDue = due, CheckInReference = reference };
        await store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), null, default);
        var entry = new CheckInEntry { StateKey = key, Due = due, Reference = reference };
        await store.WriteAsync(CareBot.CheckInKey(key), JsonSerializer.SerializeToUtf8Bytes(entry, CareStateJsonContext.Default.CheckInEntry), null, default);
        return key;
    }
}
