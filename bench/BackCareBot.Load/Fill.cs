using System.Diagnostics;
using System.Text.Json;
using BackCareBot.Care;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using Azure.Storage.Blobs;
using BackCareBot.Protocol.Schema;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Load;

/// <summary>
/// Fills a SQLite state file with stored conversations in the product's own schema (the table is created by
/// <see cref="SqliteStateStore"/> itself): each row a real conversation document copied from a file the bot wrote
/// (its largest conversation row, a conversation walked to the exercise cards) under a Teams-shaped key, and for
/// a share of them a check-in entry due tomorrow (the rows the check-in sweep scans and reads).
/// </summary>
/// <remarks>
/// Usage: --fill &lt;data folder&gt; --conversations N --template &lt;backcarebot.db&gt; [--checkin-percent 10]; with
/// --blob &lt;connection string&gt; [--container botstate] the same documents go to Azure Blob Storage (Azurite) through
/// <see cref="BlobStateStore"/>, one blob per key as the bot stores them, instead of the SQLite file.
/// </remarks>
public static class Fill
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string Value(string name, string fallback)
        {
            var index = args.ToList().IndexOf(name);
            return index >= 0 && index + 1 < args.Count ? args[index + 1] : fallback;
        }

        var folder = Value("--fill", "");
        var count = int.Parse(Value("--conversations", "100000"), System.Globalization.CultureInfo.InvariantCulture);
        var checkInPercent = int.Parse(Value("--checkin-percent", "10"), System.Globalization.CultureInfo.InvariantCulture);
        var template = Template(Value("--template", ""));
        var started = Stopwatch.GetTimestamp();
        if (Value("--blob", "") is { Length: > 0 } connectionString)
        {
            await FillBlobsAsync(new BlobContainerClient(connectionString, Value("--container", "botstate")), count, checkInPercent, template).ConfigureAwait(false);
            Console.Error.WriteLine($"filled {count} conversation blobs ({checkInPercent}% with a check-in) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            return 0;
        }

        using (var store = new SqliteStateStore(folder))
        {
            // Creates the file and the table exactly as the bot does.
            await store.ReadAsync("conversation/none", CancellationToken.None).ConfigureAwait(false);
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "backcarebot.db")};Pooling=False");
        connection.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO state (key, data, version, updated) VALUES ($key, $data, 1, $now)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var data = insert.Parameters.Add("$data", SqliteType.Blob);
        insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var due = DateTimeOffset.UtcNow.AddDays(1);
        SqliteTransaction? transaction = null;
        for (var i = 0; i < count; i++)
        {
            if (i % 20_000 == 0)
            {
                transaction?.Commit();
                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
            }

            var conversationId = TeamsIds.Conversation("stored", i / 1_000, i % 1_000);
            var stateKey = $"conversation/msteams/{conversationId}";
            key.Value = stateKey;
            data.Value = template;
            insert.ExecuteNonQuery();
            if (checkInPercent > 0 && i % (100 / checkInPercent) == 0)
            {
                key.Value = CareBot.CheckInKey(stateKey);
                data.Value = JsonSerializer.SerializeToUtf8Bytes(CheckIn(stateKey, conversationId, TeamsIds.User("stored", i / 1_000, i % 1_000), due), CareStateJsonContext.Default.CheckInEntry);
                insert.ExecuteNonQuery();
            }
        }

        transaction?.Commit();
        Console.Error.WriteLine($"filled {count} conversations ({checkInPercent}% with a check-in) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>The rows of the SQLite fill as blobs, written by the product's store (its blob names and conditional create), 32 at a time.</summary>
    private static async Task FillBlobsAsync(BlobContainerClient container, int count, int checkInPercent, byte[] template)
    {
        var store = new BlobStateStore(container);
        var due = DateTimeOffset.UtcNow.AddDays(1);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, token) =>
        {
            var conversationId = TeamsIds.Conversation("stored", i / 1_000, i % 1_000);
            var stateKey = $"conversation/msteams/{conversationId}";
            await store.WriteAsync(stateKey, template, null, token).ConfigureAwait(false);
            if (checkInPercent > 0 && i % (100 / checkInPercent) == 0)
            {
                var entry = CheckIn(stateKey, conversationId, TeamsIds.User("stored", i / 1_000, i % 1_000), due);
                await store.WriteAsync(CareBot.CheckInKey(stateKey), JsonSerializer.SerializeToUtf8Bytes(entry, CareStateJsonContext.Default.CheckInEntry), null, token).ConfigureAwait(false);
            }

            if (i > 0 && i % 20_000 == 0)
            {
                Console.Error.WriteLine($"  {i} blobs");
            }
        }).ConfigureAwait(false);
    }

    private static byte[] Template(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM state WHERE key LIKE 'conversation/%' ORDER BY LENGTH(data) DESC LIMIT 1";
        return command.ExecuteScalar() as byte[] ?? throw new InvalidOperationException($"{database} holds no conversation to copy.");
    }

    private static CheckInEntry CheckIn(string stateKey, string conversationId, string userId, DateTimeOffset due) => new()
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
