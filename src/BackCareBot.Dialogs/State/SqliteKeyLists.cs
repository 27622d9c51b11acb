using Microsoft.Data.Sqlite;

namespace BackCareBot.Dialogs.State;

/// <summary>The key listings of a <see cref="SqliteStateStore"/>: the keys under a prefix, and the keys marked pending.</summary>
internal sealed class SqliteKeyLists : IDisposable
{
    private readonly SqliteCommand _range;
    private readonly SqliteCommand _pending;

    public SqliteKeyLists(SqliteConnection connection)
    {
        // A range on the primary key (a B-tree search), not a function of the key (a scan of every row).
        _range = SqliteStateStore.Prepare(connection, "SELECT key FROM state WHERE key >= $from AND key < $to ORDER BY key", "$from", "$to");
        // Answered from the partial index state_pending, which holds the marked rows only.
        _pending = SqliteStateStore.Prepare(connection, "SELECT key FROM state WHERE pending = 1");
    }

    public List<string> ListPending()
    {
        List<string> keys = [];
        using var reader = _pending.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public List<string> List(string prefix)
    {
        List<string> keys = [];
        _range.Parameters[0].Value = prefix;
        _range.Parameters[1].Value = UpperBound(prefix);
        using var reader = _range.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.GetString(0);
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>
    /// The least string above every string that starts with <paramref name="prefix"/> in SQLite's binary order
    /// (UTF-8 bytes, i.e. code points): the prefix with its last character incremented, dropping trailing
    /// characters that cannot be. The empty prefix has no bound below every key, so it gets one above all text.
    /// </summary>
    internal static string UpperBound(string prefix)
    {
        var end = prefix.Length;
        while (end > 0 && (prefix[end - 1] == char.MaxValue || char.IsSurrogate(prefix[end - 1])))
        {
            end--;
        }

        return end == 0 ? "\U0010FFFF\U0010FFFF" : string.Concat(prefix.AsSpan(0, end - 1), ((char)(prefix[end - 1] + 1)).ToString());
    }

    public void Dispose()
    {
        _range.Dispose();
        _pending.Dispose();
    }
}
