using System.Collections.Concurrent;
using System.Globalization;
using BackCareBot.Dialogs.State;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Bench.Host;

/// <summary>
/// Experiment (<c>--state sqlite-prepared</c>): the store changes proposed in bench/README.md, on the same SQLite
/// file and table as <see cref="SqliteStateStore"/> (which creates them): one long-lived write connection with
/// prepared INSERT/UPDATE behind an async gate, and a few long-lived read connections with a prepared SELECT,
/// each connection with <c>synchronous = NORMAL</c>.
/// Only reads and writes are implemented; the benchmark needs nothing else.
/// </summary>
public sealed class PreparedSqliteStore : IStateStore, IDisposable
{
    private const int Readers = 2;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _readGate = new(Readers, Readers);
    private readonly ConcurrentQueue<SqliteCommand> _selects = new();
    private readonly List<SqliteConnection> _connections = [];
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;

    private PreparedSqliteStore(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        var writer = Open(connectionString);
        _insert = Prepare(writer, "INSERT INTO state (key, data, version, updated) VALUES ($key, $data, 1, $now) ON CONFLICT (key) DO NOTHING", "$key", "$data", "$now");
        _update = Prepare(writer, "UPDATE state SET data = $data, version = $next, updated = $now WHERE key = $key AND version = $expected", "$key", "$data", "$now", "$next", "$expected");
        for (var i = 0; i < Readers; i++)
        {
            _selects.Enqueue(Prepare(Open(connectionString), "SELECT data, version FROM state WHERE key = $key", "$key"));
        }
    }

    /// <summary>Lets the bot's store create the file and table, then opens the prepared connections on it.</summary>
    public static PreparedSqliteStore Create(SqliteStateStore schemaOwner)
    {
        schemaOwner.ReadAsync("schema", CancellationToken.None).GetAwaiter().GetResult();
        return new PreparedSqliteStore(schemaOwner.DatabasePath);
    }

    public async Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _selects.TryDequeue(out var select);
        try
        {
            select!.Parameters[0].Value = key;
            using var reader = select.ExecuteReader();
            return reader.Read() ? new StoredState((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture)) : null;
        }
        finally
        {
            _selects.Enqueue(select!);
            _readGate.Release();
        }
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        var expected = expectedETag is null ? 0 : long.Parse(expectedETag, CultureInfo.InvariantCulture);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = expectedETag is null ? _insert : _update;
            command.Parameters[0].Value = key;
            command.Parameters[1].Value = data.ToArray();
            command.Parameters[2].Value = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (expectedETag is not null)
            {
                command.Parameters[3].Value = expected + 1;
                command.Parameters[4].Value = expected;
            }

            return command.ExecuteNonQuery() == 1 ? (expected + 1).ToString(CultureInfo.InvariantCulture) : throw new StateConflictException(key);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();

    public void Dispose()
    {
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _writeGate.Dispose();
        _readGate.Dispose();
    }

    private SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        _connections.Add(connection);

        // synchronous is a per-connection setting: without it each commit syncs the WAL to disk (FULL).
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
