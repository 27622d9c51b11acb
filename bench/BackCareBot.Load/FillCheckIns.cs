using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;
using BackCareBot.Protocol.Schema;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Load;

/// <summary>
/// Fills the SQLite check-in index (checkins.db, created by <see cref="SqliteCheckInIndex"/> itself, so the table
/// and its due index are the product's) with N pending check-ins of Teams-shaped conversations, each entry in
/// <see cref="CheckInEntry"/>'s own JSON: none due now, spread over 6 to 30 hours ahead as a tenant's mornings would
/// be. bench/pending.sh makes some of them due while the bot runs, to time a sweep.
/// </summary>
/// <remarks>Usage: --fill-checkins &lt;data folder&gt; --pending N</remarks>
public static class FillCheckIns
{
    public static int Run(IReadOnlyList<string> args)
    {
        string Value(string name, string fallback)
        {
            var index = args.ToList().IndexOf(name);
            return index >= 0 && index + 1 < args.Count ? args[index + 1] : fallback;
        }

        var folder = Value("--fill-checkins", "");
        var pending = int.Parse(Value("--pending", "1000000"), CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        using (new SqliteCheckInIndex(folder))
        {
            // Creates the file, the table and the due index exactly as the bot does.
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "checkins.db")};Pooling=False");
        connection.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO checkin (key, due, claim, entry) VALUES ($key, $due, $claim, $entry)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var due = insert.Parameters.Add("$due", SqliteType.Integer);
        var claim = insert.Parameters.Add("$claim", SqliteType.Text);
        var entry = insert.Parameters.Add("$entry", SqliteType.Blob);
        var first = DateTimeOffset.UtcNow.AddHours(6);
        SqliteTransaction? transaction = null;
        for (var i = 0; i < pending; i++)
        {
            if (i % 50_000 == 0)
            {
                transaction?.Commit();
                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
            }

            var conversationId = TeamsIds.Conversation("pending", i / 1_000, i % 1_000);
            var stateKey = $"conversation/msteams/{conversationId}";
            var when = first.AddSeconds(i % 86_400);
            key.Value = stateKey;
            due.Value = when.UtcTicks;
            claim.Value = Guid.NewGuid().ToString("N");
            entry.Value = JsonSerializer.SerializeToUtf8Bytes(Entry(stateKey, conversationId, TeamsIds.User("pending", i / 1_000, i % 1_000), when), CareStateJsonContext.Default.CheckInEntry);
            insert.ExecuteNonQuery();
        }

        transaction?.Commit();
        Console.Error.WriteLine($"filled {pending} pending check-ins in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return 0;
    }

    private static CheckInEntry Entry(string stateKey, string conversationId, string userId, DateTimeOffset due) => new()
    {
        StateKey = stateKey,
        Due = due,
        Reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "http://127.0.0.1:9/",
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = "00000000-0000-0000-0000-0000000000aa" },
            User = new ChannelAccount { Id = userId },
            Bot = new ChannelAccount { Id = "28:backcarebot", Name = "BackCareBot" },
            Locale = "en-GB",
        },
    };
}
