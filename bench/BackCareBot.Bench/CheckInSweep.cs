using System.Diagnostics;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Bench;

/// <summary>
/// The check-in index at scale (SQLite): fills it with N pending check-ins, then times a sweep that claims and
/// completes the 1% that are due, and the state store's read+write latency (a turn's store access) with the index
/// empty, full, and while the sweep runs.
/// </summary>
internal static class CheckInSweep
{
    public static async Task PrintAsync(int pending)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-sweep-" + Guid.NewGuid().ToString("N"));
        var now = new DateTimeOffset(2026, 6, 2, 6, 0, 0, TimeSpan.Zero);
        var due = pending / 100;
        using (var store = new SqliteStateStore(folder))
        using (var index = new SqliteCheckInIndex(folder))
        {
            for (var i = 0; i < 2000; i++)
            {
                await store.WriteAsync($"conversation/bench/{i}", new byte[1100], null, CancellationToken.None);
            }

            // A first pass warms up (JIT, page cache) and is not reported.
            await StoreLatencyAsync(store, 2000);
            Console.WriteLine($"store read+write p50/p99, index empty: {await StoreLatencyAsync(store, 2000)}");
            var fill = Stopwatch.StartNew();
            for (var i = 0; i < pending; i++)
            {
                // 1% due now, the rest spread over the next day.
                var when = i % 100 == 0 ? now.AddSeconds(-(i % 60)) : now.AddMinutes(1 + (i % 1440));
                await index.ScheduleAsync(Entry(i, when), CancellationToken.None);
            }

            Console.WriteLine($"filled {pending} pending check-ins in {fill.Elapsed.TotalSeconds:F1} s; db {new FileInfo(Path.Combine(folder, "checkins.db")).Length / 1_000_000} MB (+WAL)");
            Console.WriteLine($"store read+write p50/p99, index full: {await StoreLatencyAsync(store, 2000)}");

            var sweep = Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                var claimed = 0;
                while (await index.ClaimDueAsync(now, 100, TimeSpan.FromMinutes(2), CancellationToken.None) is { Count: > 0 } claims)
                {
                    foreach (var claim in claims)
                    {
                        await index.CompleteAsync(claim, CancellationToken.None);
                    }

                    claimed += claims.Count;
                }

                return (claimed, watch.Elapsed);
            });
            var during = await StoreLatencyAsync(store, 2000);
            var (count, elapsed) = await sweep;
            Console.WriteLine($"sweep: claimed and completed {count} due of {pending} in {elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine($"store read+write p50/p99, during the sweep: {during}");
        }

        Directory.Delete(folder, recursive: true);
    }

    private static CheckInEntry Entry(int i, DateTimeOffset due) => new()
    {
        StateKey = $"conversation/msteams/a:{i}",
        Due = due,
        Reference = new ConversationReference
        {
            ChannelId = "msteams", ServiceUrl = "https://smba.trafficmanager.net/emea/", Conversation = new ConversationAccount { Id = $"a:{i}" },
            User = new ChannelAccount { Id = $"29:{i}" }, Bot = new ChannelAccount { Id = "28:bot" }, Locale = "en-GB",
        },
    };

    private static async Task<string> StoreLatencyAsync(SqliteStateStore store, int turns)
    {
        var samples = new double[turns];
        for (var i = 0; i < turns; i++)
        {
            var watch = Stopwatch.StartNew();
            var key = $"conversation/bench/{i}";
            var read = await store.ReadAsync(key, CancellationToken.None);
            await store.WriteAsync(key, read!.Data, read.ETag, CancellationToken.None);
            samples[i] = watch.Elapsed.TotalMicroseconds;
        }

        Array.Sort(samples);
        return $"{samples[turns / 2]:F0} / {samples[(int)(turns * 0.99)]:F0} µs";
    }
}
