using System.Runtime.InteropServices;
using BackCareBot.Dialogs.State;
using Microsoft.Data.Sqlite;

namespace BackCareBot.Bench;

/// <summary>
/// The SQLite state store's part of a turn, as the turn benchmark exercises it, in one thread: 8 conversations at a
/// time, each 17 turns long, a turn being a read, the write of the state with its replies (marked pending) and the
/// write once they are delivered; reported as the thread's CPU per operation (clock_gettime of the thread's CPU
/// clock, so other processes on the machine move it less than wall time), for a file with the store's page size and
/// for one created beforehand with SQLite's default 4 KB pages. The documents are random bytes (5.2 KB with the
/// replies, 1.2 KB without: what a turn stored when this was first measured, and incompressible), then the bench
/// conversation's own (the JSON the bot stores at each of its 17 turns, recorded once through the pipeline).
/// </summary>
internal static class StoreTurns
{
    private const int Active = 8;
    private const int TurnsPerConversation = 17;

    public static async Task PrintAsync(int turns, bool compress)
    {
        var withReplies = new byte[5200];
        var delivered = new byte[1200];
        Random.Shared.NextBytes(withReplies);
        Random.Shared.NextBytes(delivered);
        var random = new[] { (withReplies, delivered) };
        var recorded = await RecordAsync();
        Console.WriteLine("| Documents | Page size | Read µs | Write with replies µs | Write once delivered µs | Store CPU per turn µs |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, documents) in new[] { ("random 5.2 / 1.2 KB", random), ($"bench conversation ({recorded.Average(d => d.WithReplies.Length):F0} / {recorded.Average(d => d.Delivered.Length):F0} bytes)", recorded) })
        {
            foreach (var pageSize in new int?[] { null, 4096, null, 4096 })
            {
                await RunAsync(name, pageSize, turns, documents, compress);
            }
        }
    }

    /// <summary>The bench conversation's documents, per turn with replies: the state with them, then without.</summary>
    private static async Task<(byte[] WithReplies, byte[] Delivered)[]> RecordAsync()
    {
        var store = new StorePages.CountingStore(new MemoryStateStore()) { Written = [] };
        var bot = new BackCareBot.Care.CareBot(
            BackCareBot.Care.Content.CareContent.Load(BackCareBot.Care.Content.CareContent.DefaultFolder), store, new BackCareBot.Care.PictureAddress(new BackCareBot.Care.CareOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<BackCareBot.Care.CareBot>.Instance);
        await StorePages.ConversationAsync(new BackCareBot.Protocol.Turns.TurnPipeline(bot, [], Microsoft.Extensions.Logging.Abstractions.NullLogger<BackCareBot.Protocol.Turns.TurnPipeline>.Instance), 0);
        var written = store.Written!;
        return [.. Enumerable.Range(0, written.Count - 1).Where(i => written[i].Pending && !written[i + 1].Pending).Select(i => (written[i].Data, written[i + 1].Data))];
    }

    private static async Task RunAsync(string name, int? pageSize, int turns, (byte[] WithReplies, byte[] Delivered)[] documents, bool compress)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-store-turns-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            if (pageSize is { } size)
            {
                // A file made before the store chose its page size: WAL fixes the page size, the store keeps it.
                using var old = new SqliteConnection($"Data Source={Path.Combine(folder, "backcarebot.db")};Pooling=False");
                old.Open();
                using var create = old.CreateCommand();
                create.CommandText = $"PRAGMA page_size = {size}; PRAGMA journal_mode = WAL;";
                create.ExecuteNonQuery();
            }

            using var store = new SqliteStateStore(folder, compressLongDocuments: compress);
            var keys = new string[Active];
            var etags = new string?[Active];
            var left = new int[Active];
            double read = 0, write = 0, acknowledge = 0;
            for (var turn = 0; turn < turns; turn++)
            {
                var slot = turn % Active;
                if (left[slot] == 0)
                {
                    keys[slot] = $"conversation/msteams/a:1{Guid.NewGuid():N}{new string('x', 96)}";
                    etags[slot] = await store.WriteAsync(keys[slot], documents[0].Delivered, null, CancellationToken.None);
                    left[slot] = TurnsPerConversation;
                }

                left[slot]--;
                var (withReplies, delivered) = documents[(TurnsPerConversation - 1 - left[slot]) % documents.Length];
                var t0 = ThreadCpuMicroseconds();
                var stored = await store.ReadAsync(keys[slot], CancellationToken.None);
                var t1 = ThreadCpuMicroseconds();
                var held = await store.WriteAsync(keys[slot], withReplies, stored!.ETag, pending: true, CancellationToken.None);
                var t2 = ThreadCpuMicroseconds();
                etags[slot] = await store.WriteAsync(keys[slot], delivered, held, CancellationToken.None);
                var t3 = ThreadCpuMicroseconds();
                if (turn >= turns / 10)
                {
                    // The first tenth warms up (JIT, page cache) and is not counted.
                    (read, write, acknowledge) = (read + t1 - t0, write + t2 - t1, acknowledge + t3 - t2);
                }
            }

            var counted = turns - (turns / 10);
            Console.WriteLine($"| {name} | {(pageSize is null ? "store's own" : pageSize.ToString())} | {read / counted:F1} | {write / counted:F1} | {acknowledge / counted:F1} | {(read + write + acknowledge) / counted:F1} |");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double ThreadCpuMicroseconds()
    {
        const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
        return clock_gettime(ThreadCpuClock, out var time) == 0 ? (time.Seconds * 1e6) + (time.Nanoseconds / 1e3) : double.NaN;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
