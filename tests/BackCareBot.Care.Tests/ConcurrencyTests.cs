using System.Text.Json;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Care.Tests;

/// <summary>Two app instances writing one conversation: the losing turn runs again on fresh state and speaks once.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_turn_that_loses_an_etag_race_is_run_again_and_its_replies_are_sent_once()
    {
        var store = new RacingStore(new MemoryStateStore());
        var bot = new ConversationDriver(store);
        await bot.SayAllAsync("hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no");
        store.RaceKey = bot.StateKey;

        var replies = await bot.SayAsync("on my side");

        Assert.Equal(1, store.Conflicts);
        var pillows = replies.Count(r => r.Visible.Contains("Where do you use pillows?", StringComparison.Ordinal));
        Assert.Equal(1, pillows);
        var stored = await store.ReadAsync(bot.StateKey, default);
        var state = JsonSerializer.Deserialize(stored!.Data, CareStateJsonContext.Default.CareState)!;
        Assert.Equal("side", state.Dialog.Answers["sleep_position"]);
    }

    /// <summary>Before the next write lands, "another instance" saves the same document, so the write's ETag is stale.</summary>
    private sealed class RacingStore(IStateStore inner) : IStateStore
    {
        /// <summary>The key whose next write loses the race; cleared once it has.</summary>
        public string? RaceKey { get; set; }

        public int Conflicts { get; private set; }

        public Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
            WriteAsync(key, data, expectedETag, pending: false, cancellationToken);

        public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken)
        {
            if (key == RaceKey)
            {
                RaceKey = null;
                var current = await inner.ReadAsync(key, cancellationToken);
                await inner.WriteAsync(key, current!.Data, current.ETag, cancellationToken);
            }

            try
            {
                return await inner.WriteAsync(key, data, expectedETag, pending, cancellationToken);
            }
            catch (StateConflictException)
            {
                Conflicts++;
                throw;
            }
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken) => inner.ListKeysAsync(prefix, cancellationToken);

        public IAsyncEnumerable<string> ListPendingAsync(CancellationToken cancellationToken) => inner.ListPendingAsync(cancellationToken);
    }
}
