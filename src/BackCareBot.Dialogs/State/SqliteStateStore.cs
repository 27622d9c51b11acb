using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Dialogs.State;

/// <summary>
/// The embedded default: one SQLite file (WAL) under the data folder, created on first use. ETags are row
/// versions; a write with a stale version changes no row and raises <see cref="StateConflictException"/>.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, and a writer that finds the file busy sleeps (150 ms in Microsoft.Data.Sqlite)
/// before retrying. So the store keeps one open connection with prepared statements and lets one statement at a
/// time through it (an async gate): no busy sleeps, no re-preparing, and the pragmas (WAL, synchronous=NORMAL) set
/// on the connection they apply to. Reads and key listings go through the same connection: SQLite empties a
/// connection's whole page cache whenever another connection has committed, so separate read connections re-read
/// the pages of every lookup from the file, where this one's cache holds the pages it wrote. Being the file's only
/// user, the connection holds it in exclusive locking mode: no file locks taken and released around each
/// statement. So the file is this process's while the store is open: another process (or store) opening it waits
/// and then fails; scale-out shares the Blob store, not a SQLite file. (With a background checkpoint, which needs a
/// second connection, the file is opened in normal locking mode instead: see <see cref="SqliteBackgroundCheckpoint"/>.)
/// Each statement takes microseconds (one B-tree lookup or one row written); listing by prefix is a range search on
/// the primary key, so a listing reads its own rows only, however many conversations are stored. A row's <c>pending</c> column (1 while its document
/// holds undelivered replies) is written by the same statement as the document, and a partial index holds the
/// marked rows only, so listing them costs what is pending.
/// </remarks>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private readonly int _checkpointPages;
    private readonly TimeSpan? _backgroundCheckpoint;
    private readonly bool _compress;
    private SqliteBackgroundCheckpoint? _checkpointer;
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteCommand? _update;
    private SqliteCommand? _delete;
    private SqliteCommand? _read;
    private SqliteKeyLists? _lists;
    private int _maxLocal;

    /// <summary>SQLite's own default WAL auto-checkpoint threshold.</summary>
    public const int DefaultCheckpointPages = 1000;

    /// <param name="dataFolder">Where the file is (created when missing).</param>
    /// <param name="checkpointPages">The WAL size in pages at which a commit checkpoints it (SQLite's <c>wal_autocheckpoint</c>).</param>
    /// <param name="backgroundCheckpoint">
    /// When set, a second connection checkpoints the WAL at this interval (see <see cref="SqliteBackgroundCheckpoint"/>),
    /// and the file is opened in normal locking mode, which that needs, instead of exclusive.
    /// </param>
    /// <param name="compressLongDocuments">Whether a document too long for its leaf page is stored compressed (see <see cref="SqliteDocumentCodec"/>).</param>
    public SqliteStateStore(string dataFolder, int checkpointPages = DefaultCheckpointPages, TimeSpan? backgroundCheckpoint = null, bool compressLongDocuments = false)
    {
        _compress = compressLongDocuments;
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointPages, 1);
        _checkpointPages = checkpointPages;
        _backgroundCheckpoint = backgroundCheckpoint;
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
        // A turn's read goes to the write connection: its page cache holds what it wrote itself, where a read
        // connection loses its whole cache to every commit made by another connection (and re-reads each page).
        // A read is one B-tree lookup, so it does not keep writes waiting for long.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Open();
            _read!.Parameters[0].Value = key;
            using var reader = _read.ExecuteReader();
            return reader.Read()
                ? new StoredState(SqliteDocumentCodec.Unpack((byte[])reader.GetValue(0), reader.GetInt64(2)), reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                : null;
        }
        finally
        {
            _gate.Release();
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

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Open();
            // Packed inside the gate only because the page size is known once the file is open; it takes microseconds.
            var (bytes, size) = _compress ? SqliteDocumentCodec.Pack(data.Span, System.Text.Encoding.UTF8.GetByteCount(key) + RowOverhead, _maxLocal) : (data.ToArray(), 0);
            var command = expectedETag is null ? _insert! : _update!;
            command.Parameters["$key"].Value = key;
            command.Parameters["$data"].Value = bytes;
            command.Parameters["$size"].Value = size;
            command.Parameters["$now"].Value = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            command.Parameters["$pending"].Value = pending ? 1 : 0;
            if (expectedETag is not null)
            {
                command.Parameters["$expected"].Value = expected;
            }

            var next = expected + 1;
            var changed = command.ExecuteNonQuery();
            _checkpointer?.Written();
            return changed == 1 ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : throw new StateConflictException(key);
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
            _checkpointer?.Written();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> keys;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Open();
            keys = _lists!.List(prefix);
        }
        finally
        {
            _gate.Release();
        }

        foreach (var key in keys)
        {
            yield return key;
        }
    }

    public async IAsyncEnumerable<string> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> keys;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Open();
            keys = _lists!.ListPending();
        }
        finally
        {
            _gate.Release();
        }

        foreach (var key in keys)
        {
            yield return key;
        }
    }

    public void Dispose()
    {
        _checkpointer?.Dispose();
        foreach (var command in new[] { _insert, _update, _delete, _read })
        {
            command?.Dispose();
        }

        _lists?.Dispose();
        _connection?.Dispose();
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
            // 8 KB pages for a new file (an existing one keeps its own): a conversation's document (1-2 KB, several KB
            // while it holds its replies) fits on its leaf page or spills to one overflow page, where 4 KB pages of this
            // WITHOUT ROWID table keep only ~1 KB of a row on the leaf and chain the rest over one to three overflow pages.
            var locking = _backgroundCheckpoint is null ? "PRAGMA locking_mode = EXCLUSIVE;\n" : string.Empty;
            setup.CommandText = locking + ConnectionPragmas + $"PRAGMA wal_autocheckpoint = {_checkpointPages};\n" + """
                PRAGMA page_size = 8192;
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
            // The document's length when data holds it compressed, 0 when data is the document (every row of an older file).
            setup.CommandText = "SELECT COUNT(*) FROM pragma_table_info('state') WHERE name = 'size'";
            if (Convert.ToInt64(setup.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                setup.CommandText = "ALTER TABLE state ADD COLUMN size INTEGER NOT NULL DEFAULT 0";
                setup.ExecuteNonQuery();
            }

            setup.CommandText = "PRAGMA page_size";
            _maxLocal = SqliteDocumentCodec.MaxLocal(Convert.ToInt32(setup.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }

        _insert = Prepare(
            connection, "INSERT INTO state (key, data, version, updated, pending, size) VALUES ($key, $data, 1, $now, $pending, $size) ON CONFLICT (key) DO NOTHING", "$key", "$data", "$now", "$pending", "$size");
        _update = Prepare(
            connection,
            "UPDATE state SET data = $data, version = $expected + 1, updated = $now, pending = $pending, size = $size WHERE key = $key AND version = $expected",
            "$key",
            "$data",
            "$now",
            "$expected",
            "$pending",
            "$size");
        _delete = Prepare(connection, "DELETE FROM state WHERE key = $key", "$key");
        _read = Prepare(connection, "SELECT data, version, size FROM state WHERE key = $key", "$key");
        _lists = new SqliteKeyLists(connection);
        if (_backgroundCheckpoint is { } interval)
        {
            _checkpointer = new SqliteBackgroundCheckpoint(_connectionString, interval);
        }

        _connection = connection;
    }

    /// <summary>
    /// One WAL sync per checkpoint, not per commit; and the file held by this connection alone (exclusive locking
    /// mode, set before the first access, so the WAL index lives in the process's memory): no file lock taken and
    /// released around each statement and no shared-memory index to check, and nothing resets its page cache.
    /// </summary>
    /// <summary>A row's bytes besides its key and document: the record header, version, updated, pending and size.</summary>
    private const int RowOverhead = 32;

    private const string ConnectionPragmas = """
        PRAGMA synchronous = NORMAL;
        PRAGMA busy_timeout = 5000;
        """;

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
