using Microsoft.Data.Sqlite;

namespace BackCareBot.Dialogs.State;

/// <summary>
/// Copies a SQLite WAL into its database file from a connection of its own, every interval in which something was
/// written (a PASSIVE checkpoint: it runs beside the writer and never blocks it), so the WAL sync before the copy,
/// the copy and the database sync after it are not made by a commit while the store's gate is held. The writer's
/// own auto-checkpoint stays on as the bound of the WAL: a PASSIVE checkpoint copies only what was committed when
/// it began, so under steady writes the WAL is never all copied and never starts again from its beginning until a
/// commit checkpoints it (with little left to copy by then).
/// </summary>
internal sealed class SqliteBackgroundCheckpoint : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private long _written;
    private long _checkpointed;

    public SqliteBackgroundCheckpoint(string connectionString, TimeSpan interval)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            // As the writer: the WAL synced before the copy and the database file after it, not at each commit. The
            // copy reads frames and writes pages without this connection's page cache, so it keeps a minimal one.
            setup.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = 16;";
            setup.ExecuteNonQuery();
        }

        _checkpoint = _connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _timer = new PeriodicTimer(interval);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Called after each write, so an interval without writes costs nothing.</summary>
    public void Written() => Interlocked.Increment(ref _written);

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var written = Interlocked.Read(ref _written);
            if (written == _checkpointed)
            {
                continue;
            }

            _checkpointed = written;
            try
            {
                _checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy (the writer's own checkpoint is running) or an I/O error: the next interval tries again, and
                // the writer's auto-checkpoint still bounds the WAL.
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _checkpoint.Dispose();
        _connection.Dispose();
    }
}
