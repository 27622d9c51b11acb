using System.Text;
using BackCareBot.Dialogs.State;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Dialogs.Tests;

/// <summary>The store with its WAL checkpointed by a second connection: the same contract, and the WAL copied without a commit doing it.</summary>
public sealed class SqliteBackgroundCheckpointTests : StateStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bcb-sqlite-bg-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteStateStore _store;

    // A threshold no test reaches, so only the background connection checkpoints.
    public SqliteBackgroundCheckpointTests() => _store = new SqliteStateStore(_folder, checkpointPages: 1_000_000, backgroundCheckpoint: TimeSpan.FromMilliseconds(20));

    protected override IStateStore Store => _store;

    [Fact]
    public async Task What_was_written_reaches_the_database_file_while_the_store_is_open()
    {
        await _store.WriteAsync("conversation/msteams/kept", "kept"u8.ToArray(), null, default);

        // A reader that ignores the WAL (immutable=1 reads the database file alone) finds the row once it was checkpointed.
        var file = $"Data Source=file:{Path.Combine(_folder, "backcarebot.db")}?immutable=1;Pooling=False";
        string? found = null;
        for (var attempt = 0; attempt < 100 && found is null; attempt++)
        {
            await Task.Delay(50);
            found = ReadFileAlone(file);
        }

        Assert.Equal("kept", found);
        Assert.Equal("kept", Encoding.UTF8.GetString((await _store.ReadAsync("conversation/msteams/kept", default))!.Data));
    }

    /// <summary>The row as the database file holds it; null before the checkpoint (then even the table is only in the WAL).</summary>
    private static string? ReadFileAlone(string connectionString)
    {
        try
        {
            using var reader = new SqliteConnection(connectionString);
            reader.Open();
            using var read = reader.CreateCommand();
            read.CommandText = "SELECT data FROM state WHERE key = 'conversation/msteams/kept'";
            return read.ExecuteScalar() is byte[] data ? Encoding.UTF8.GetString(data) : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
