using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Dialogs.State;

/// <summary>
/// The embedded default: one SQLite file (WAL) under the data folder, created on first use. ETags are row
/// versions; a write with a stale version changes no row and raises <see cref="StateConflictException"/>.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _init = new(1, 1);
    private bool _ready;

    public SqliteStateStore(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "backcarebot.db"),
            Pooling = true,
            Cache = SqliteCacheMode.Private,
        }.ToString();
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, version FROM state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredState((byte[])reader.GetValue(0), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        long next;
        if (expectedETag is null)
        {
            next = 1;
            command.CommandText = "INSERT INTO state (key, data, version, updated) VALUES ($key, $data, 1, $now) ON CONFLICT (key) DO NOTHING";
        }
        else
        {
            if (!long.TryParse(expectedETag, System.Globalization.CultureInfo.InvariantCulture, out var expected))
            {
                throw new StateConflictException(key);
            }

            next = expected + 1;
            command.CommandText = "UPDATE state SET data = $data, version = $next, updated = $now WHERE key = $key AND version = $expected";
            command.Parameters.AddWithValue("$expected", expected);
            command.Parameters.AddWithValue("$next", next);
        }

        command.Parameters.AddWithValue("$key", key);
        command.Parameters.Add("$data", SqliteType.Blob).Value = data.ToArray();
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return changed == 1 ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : throw new StateConflictException(key);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM state WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY key";
        command.Parameters.AddWithValue("$prefix", prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    public void Dispose()
    {
        _init.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_ready)
        {
            await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _init.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS state (
                    key TEXT PRIMARY KEY NOT NULL,
                    data BLOB NOT NULL,
                    version INTEGER NOT NULL,
                    updated INTEGER NOT NULL
                ) WITHOUT ROWID;
                """;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _init.Release();
        }
    }
}
