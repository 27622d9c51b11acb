using System.Text.Json;
using BackCareBot.Care.State;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Care.Programme;

/// <summary>
/// The index beside the SQLite store, in a file of its own (checkins.db in the same data folder): a table of
/// (key, due, claim, entry) with an index on due, read by range, so a sweep costs what is due and the state
/// store's file and gate are never held by it. A claim moves the entry's due to the end of its lease, so an
/// instance that dies mid-send leaves it due again after the lease, not lost.
/// </summary>
public sealed class SqliteCheckInIndex : ICheckInIndex, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;

    public SqliteCheckInIndex(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "checkins.db"),
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS checkin (
                key TEXT PRIMARY KEY NOT NULL,
                due INTEGER NOT NULL,
                claim TEXT NOT NULL,
                entry BLOB NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS checkin_due ON checkin (due);
            """);
    }

    public Task ScheduleAsync(CheckInEntry entry, CancellationToken cancellationToken) => RunAsync(() =>
        Execute(
            "INSERT INTO checkin (key, due, claim, entry) VALUES ($key, $due, $claim, $entry) ON CONFLICT (key) DO UPDATE SET due = $due, claim = $claim, entry = $entry",
            ("$key", entry.StateKey), ("$due", entry.Due.UtcTicks), ("$claim", NewToken()), ("$entry", JsonSerializer.SerializeToUtf8Bytes(entry, CareStateJsonContext.Default.CheckInEntry))), cancellationToken);

    public Task CancelAsync(string stateKey, CancellationToken cancellationToken) =>
        RunAsync(() => Execute("DELETE FROM checkin WHERE key = $key", ("$key", stateKey)), cancellationToken);

    public async Task<IReadOnlyList<CheckInClaim>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = now + lease;
        List<CheckInClaim> claims = [];
        await RunAsync(() =>
        {
            using var transaction = _connection.BeginTransaction();
            List<(string Key, byte[] Entry)> due = [];
            using (var select = Command("SELECT key, entry FROM checkin WHERE due <= $now ORDER BY due LIMIT $max", ("$now", now.UtcTicks), ("$max", max)))
            {
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    due.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
                }
            }

            foreach (var (key, entry) in due)
            {
                var token = NewToken();
                Execute("UPDATE checkin SET due = $until, claim = $claim WHERE key = $key", ("$until", until.UtcTicks), ("$claim", token), ("$key", key));
                claims.Add(new CheckInClaim(JsonSerializer.Deserialize(entry, CareStateJsonContext.Default.CheckInEntry)!, token, until));
            }

            transaction.Commit();
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return claims;
    }

    public Task CompleteAsync(CheckInClaim claim, CancellationToken cancellationToken) =>
        RunAsync(() => Execute("DELETE FROM checkin WHERE key = $key AND claim = $claim", ("$key", claim.Entry.StateKey), ("$claim", claim.Token)), cancellationToken);

    public Task RetryAsync(CheckInClaim claim, DateTimeOffset at, CancellationToken cancellationToken) =>
        RunAsync(() => Execute(
            "UPDATE checkin SET due = CASE WHEN claim = $claim THEN $due ELSE min(due, $due) END, claim = $next WHERE key = $key",
            ("$due", at.UtcTicks), ("$next", NewToken()), ("$key", claim.Entry.StateKey), ("$claim", claim.Token)), cancellationToken);

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private static string NewToken() => Guid.NewGuid().ToString("N");

    private async Task RunAsync(Func<int> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
