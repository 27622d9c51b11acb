using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Dialogs.State;

/// <summary>
/// The embedded default: one SQLite file (WAL) under the data folder, created on first use. ETags are row
/// versions; a write with a stale version changes no row and raises <see cref="StateConflictException"/>.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, and a writer that finds the file busy sleeps (150 ms in Microsoft.Data.Sqlite)
/// before retrying. So the store keeps one open write connection with prepared statements and lets one write at a
/// time through it: no busy sleeps, no re-preparing, and the pragmas (WAL, synchronous=NORMAL) set on the
/// connection they apply to. Reads and key listings use a few read connections of their own (see
/// <see cref="SqliteReaders"/>), so they neither wait for writes nor hold them up; listing by prefix is a range
/// search on the primary key, so the check-in sweep reads its own rows only, however many conversations are stored.
/// A row's <c>pending</c> column (1 while its document holds undelivered replies) is written by the same statement
/// as the document, and a partial index holds the marked rows only, so listing them costs what is pending.
/// </remarks>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    /// <summary>Read connections beside the one writer; two cores' worth of concurrent reads.</summary>
    private const int ReadConnections = 2;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private SqliteConnection? _connection;
    private readonly SqliteReaders _readers = new(ReadConnections);
    private SqliteCommand? _insert;
    private SqliteCommand? _update;
    private SqliteCommand? _delete;

    public SqliteStateStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "backcarebot.db"),
            Pooling = false,
        }.ToString();
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        // Reads go to their own connections (WAL lets them run beside the writer and see every committed write), so
        // a turn's read never queues behind other turns' writes.
        var reader = await _readers.TakeAsync(this, cancellationToken).ConfigureAwait(false);
        try
        {
            return reader.Read(key);
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
        WriteAsync(key, data, expectedETag, pending: false, cancellationToken);

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken)
    {
        long expected = 0;
        if (expectedETag is not null && !long.TryParse(expectedETag, System.Globalization.CultureInfo.InvariantCulture, out expected))
        {
            throw new StateConflictException(key);
        }

        var bytes = data.ToArray();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Open();
            var command = expectedETag is null ? _insert! : _update!;
            command.Parameters["$key"].Value = key;
            command.Parameters["$data"].Value = bytes;
            command.Parameters["$now"].Value = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            command.Parameters["$pending"].Value = pending ? 1 : 0;
            if (expectedETag is not null)
            {
                command.Parameters["$expected"].Value = expected;
            }

            var next = expected + 1;
            return command.ExecuteNonQuery() == 1 ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : throw new StateConflictException(key);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Open();
            _delete!.Parameters[0].Value = key;
            _delete.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> keys;
        var reader = await _readers.TakeAsync(this, cancellationToken).ConfigureAwait(false);
        try
        {
            keys = reader.List(prefix);
        }
        finally
        {
            _readers.Return(reader);
        }

        foreach (var key in keys)
        {
            yield return key;
        }
    }

    public async IAsyncEnumerable<string> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> keys;
        var reader = await _readers.TakeAsync(this, cancellationToken).ConfigureAwait(false);
        try
        {
            keys = reader.ListPending();
        }
        finally
        {
            _readers.Return(reader);
        }

        foreach (var key in keys)
        {
            yield return key;
        }
    }

    public void Dispose()
    {
        foreach (var command in new[] { _insert, _update, _delete })
        {
            command?.Dispose();
        }

        _connection?.Dispose();
        _readers.Dispose();
        _gate.Dispose();
    }

    private void Open()
    {
        if (_connection is not null)
        {
            return;
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = ConnectionPragmas + """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS state (
                    key TEXT PRIMARY KEY NOT NULL,
                    data BLOB NOT NULL,
                    version INTEGER NOT NULL,
                    updated INTEGER NOT NULL
                ) WITHOUT ROWID;
                """;
            setup.ExecuteNonQuery();
            // Files from before the pending mark get its column; every existing row is then unmarked.
            setup.CommandText = "SELECT COUNT(*) FROM pragma_table_info('state') WHERE name = 'pending'";
            if (Convert.ToInt64(setup.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                setup.CommandText = "ALTER TABLE state ADD COLUMN pending INTEGER NOT NULL DEFAULT 0";
                setup.ExecuteNonQuery();
            }

            setup.CommandText = "CREATE INDEX IF NOT EXISTS state_pending ON state (key) WHERE pending = 1";
            setup.ExecuteNonQuery();
        }

        _insert = Prepare(connection, "INSERT INTO state (key, data, version, updated, pending) VALUES ($key, $data, 1, $now, $pending) ON CONFLICT (key) DO NOTHING", "$key", "$data", "$now", "$pending");
        _update = Prepare(
            connection, "UPDATE state SET data = $data, version = $expected + 1, updated = $now, pending = $pending WHERE key = $key AND version = $expected", "$key", "$data", "$now", "$expected", "$pending");
        _delete = Prepare(connection, "DELETE FROM state WHERE key = $key", "$key");
        _connection = connection;
    }

    /// <summary>Set on every connection (they are per connection): one WAL sync per checkpoint, not per commit.</summary>
    internal const string ConnectionPragmas = """
        PRAGMA synchronous = NORMAL;
        PRAGMA busy_timeout = 5000;
        """;

    /// <summary>Opens a read connection once the writer has created the file and the table.</summary>
    internal SqliteConnection OpenReader()
    {
        EnsureCreated();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var setup = connection.CreateCommand();
        setup.CommandText = ConnectionPragmas;
        setup.ExecuteNonQuery();
        return connection;
    }

    private void EnsureCreated()
    {
        if (_connection is not null)
        {
            return;
        }

        _gate.Wait();
        try
        {
            Open();
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }
}
