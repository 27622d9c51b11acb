using System.Text;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Dialogs.Tests;

/// <summary>The same contract for every store: read what was written, refuse stale ETags, list by prefix, delete.</summary>
public abstract class StateStoreContract
{
    protected abstract IStateStore Store { get; }

    [Fact]
    public async Task Missing_key_reads_as_null()
    {
        Assert.Null(await Store.ReadAsync($"missing/{Guid.NewGuid()}", default));
    }

    [Fact]
    public async Task Write_then_read_returns_the_data_and_its_etag()
    {
        var key = $"conversation/test/{Guid.NewGuid()}";

        var etag = await Store.WriteAsync(key, Encoding.UTF8.GetBytes("{\"a\":1}"), null, default);
        var read = await Store.ReadAsync(key, default);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(read!.Data));
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_the_newer_data_is_kept()
    {
        var key = $"conversation/msteams/a:{Guid.NewGuid()};x=1";
        var first = await Store.WriteAsync(key, "1"u8.ToArray(), null, default);
        await Store.WriteAsync(key, "2"u8.ToArray(), first, default);

        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync(key, "3"u8.ToArray(), first, default));

        Assert.Equal("2", Encoding.UTF8.GetString((await Store.ReadAsync(key, default))!.Data));
    }

    [Fact]
    public async Task Creating_a_key_that_exists_is_a_conflict()
    {
        var key = $"conversation/test/{Guid.NewGuid()}";
        await Store.WriteAsync(key, "1"u8.ToArray(), null, default);

        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync(key, "2"u8.ToArray(), null, default));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_only_one_wins()
    {
        var key = $"conversation/test/{Guid.NewGuid()}";
        var etag = await Store.WriteAsync(key, "0"u8.ToArray(), null, default);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await Store.WriteAsync(key, Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), etag, default);
                return true;
            }
            catch (StateConflictException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task Keys_are_listed_by_prefix_and_deleted()
    {
        var prefix = $"checkin/{Guid.NewGuid()}/";
        await Store.WriteAsync(prefix + "a", "1"u8.ToArray(), null, default);
        await Store.WriteAsync(prefix + "b:c", "1"u8.ToArray(), null, default);
        await Store.WriteAsync($"other/{Guid.NewGuid()}", "1"u8.ToArray(), null, default);

        var keys = new List<string>();
        await foreach (var key in Store.ListKeysAsync(prefix, default))
        {
            keys.Add(key);
        }

        Assert.Equal([prefix + "a", prefix + "b:c"], keys.Order(StringComparer.Ordinal));
        await Store.DeleteAsync(prefix + "a", default);
        Assert.Null(await Store.ReadAsync(prefix + "a", default));
    }

    [Fact]
    public async Task Listing_by_prefix_keeps_to_the_prefix_at_both_ends()
    {
        var prefix = $"checkin/{Guid.NewGuid():N}/";
        string[] inside = [prefix, prefix + "a", prefix + "\uFFFF", prefix + "\U0001F600", prefix + "~~~"];
        string[] outside = [prefix[..^1], prefix[..^1] + "0", prefix[..^1] + ".", prefix[..^1] + "\u00e9"];
        foreach (var key in inside.Concat(outside))
        {
            await Store.WriteAsync(key, "1"u8.ToArray(), null, default);
        }

        var keys = new List<string>();
        await foreach (var key in Store.ListKeysAsync(prefix, default))
        {
            keys.Add(key);
        }

        Assert.Equal(inside.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }
}

public sealed class MemoryStateStoreTests : StateStoreContract
{
    protected override IStateStore Store { get; } = new MemoryStateStore();
}

public sealed class SqliteStateStoreTests : StateStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bcb-sqlite-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteStateStore _store;

    public SqliteStateStoreTests() => _store = new SqliteStateStore(_folder);

    protected override IStateStore Store => _store;

    [Fact]
    public async Task The_data_folder_is_created_on_first_use_and_survives_a_new_store()
    {
        await _store.WriteAsync("k", "kept"u8.ToArray(), null, default);

        using var reopened = new SqliteStateStore(_folder);

        Assert.True(File.Exists(Path.Combine(_folder, "backcarebot.db")));
        Assert.Equal("kept", Encoding.UTF8.GetString((await reopened.ReadAsync("k", default))!.Data));
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
