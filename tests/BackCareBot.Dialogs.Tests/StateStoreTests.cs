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

    [Fact]
    public async Task A_pending_write_is_listed_until_a_later_write_or_delete_clears_it()
    {
        var marked = $"conversation/msteams/a:{Guid.NewGuid()}";
        var cleared = $"conversation/msteams/b:{Guid.NewGuid()}";
        var deleted = $"conversation/msteams/c:{Guid.NewGuid()}";
        var plain = $"conversation/msteams/d:{Guid.NewGuid()}";
        await Store.WriteAsync(marked, "1"u8.ToArray(), null, pending: true, default);
        var etag = await Store.WriteAsync(cleared, "1"u8.ToArray(), null, pending: true, default);
        await Store.WriteAsync(deleted, "1"u8.ToArray(), null, pending: true, default);
        await Store.WriteAsync(plain, "1"u8.ToArray(), null, default);
        Assert.Superset(new HashSet<string> { marked, cleared, deleted }, (await PendingAsync()).ToHashSet());

        etag = await Store.WriteAsync(cleared, "2"u8.ToArray(), etag, pending: false, default);
        await Store.DeleteAsync(deleted, default);
        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync(marked, "3"u8.ToArray(), etag + "0", pending: false, default));

        var pending = await PendingAsync();
        Assert.Contains(marked, pending);
        Assert.DoesNotContain(cleared, pending);
        Assert.DoesNotContain(deleted, pending);
        Assert.DoesNotContain(plain, pending);
        Assert.Equal("1", Encoding.UTF8.GetString((await Store.ReadAsync(marked, default))!.Data));

        await Store.WriteAsync(marked, "4"u8.ToArray(), (await Store.ReadAsync(marked, default))!.ETag, default);
        Assert.DoesNotContain(marked, await PendingAsync());
    }

    private async Task<List<string>> PendingAsync()
    {
        var keys = new List<string>();
        await foreach (var key in Store.ListPendingAsync(default))
        {
            keys.Add(key);
        }

        return keys;
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
        // The open store holds the file (exclusive locking mode): the next one opens it once this one is closed.
        _store.Dispose();

        using var reopened = new SqliteStateStore(_folder);

        Assert.True(File.Exists(Path.Combine(_folder, "backcarebot.db")));
        Assert.Equal("kept", Encoding.UTF8.GetString((await reopened.ReadAsync("k", default))!.Data));
    }

    [Fact]
    public async Task A_file_from_before_the_pending_mark_is_read_and_marked_after_an_upgrade()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-sqlite-old-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "backcarebot.db")};Pooling=False"))
            {
                old.Open();
                using var create = old.CreateCommand();
                create.CommandText = """
                    CREATE TABLE state (key TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL, version INTEGER NOT NULL, updated INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO state VALUES ('conversation/msteams/old', x'31', 7, 0);
                    """;
                create.ExecuteNonQuery();
            }

            using var upgraded = new SqliteStateStore(folder);
            var read = await upgraded.ReadAsync("conversation/msteams/old", default);
            await upgraded.WriteAsync("conversation/msteams/old", "2"u8.ToArray(), read!.ETag, pending: true, default);

            Assert.Equal("7", read.ETag);
            await foreach (var key in upgraded.ListPendingAsync(default))
            {
                Assert.Equal("conversation/msteams/old", key);
                return;
            }

            Assert.Fail("the upgraded row was not listed as pending");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
