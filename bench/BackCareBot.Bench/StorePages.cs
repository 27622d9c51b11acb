using System.Buffers.Binary;
using BackCareBot.Care;
using BackCareBot.Care.Content;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackCareBot.Bench;

/// <summary>
/// Which pages of the SQLite state file a turn writes: the bench conversation (<see cref="TurnCost"/>'s 17 typed
/// answers, expectReplies, so each turn with replies writes its state twice: with them, then once they are
/// delivered) run for some conversations with the auto-checkpoint out of the way, then the WAL read frame by frame
/// (a 24-byte header naming the page, then the page) and each frame put down to the B-tree it belongs to (by the
/// file's own <c>dbstat</c>), an overflow page, a freelist trunk page or the file header (page 1).
/// </summary>
internal static class StorePages
{
    public static async Task PrintAsync(int conversations, bool compress)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-store-pages-" + Guid.NewGuid().ToString("N"));
        var snapshot = folder + "-snapshot";
        try
        {
            using var sqlite = new SqliteStateStore(folder, checkpointPages: 1_000_000_000, compressLongDocuments: compress);
            var store = new CountingStore(sqlite);
            var bot = new CareBot(CareContent.Load(CareContent.DefaultFolder), store, new PictureAddress(new CareOptions()), NullLogger<CareBot>.Instance);
            var pipeline = new TurnPipeline(bot, [], NullLogger<TurnPipeline>.Instance);

            // Warm-up conversations give the file its steady shape (freelist, tree depth); their frames are not counted.
            var warmUp = Math.Max(1, conversations / 10);
            for (var i = 0; i < warmUp; i++)
            {
                await ConversationAsync(pipeline, i);
            }

            var walPath = sqlite.DatabasePath + "-wal";
            var startFrames = Frames(File.ReadAllBytes(walPath)).Count;
            store.Reset();
            for (var i = 0; i < conversations; i++)
            {
                await ConversationAsync(pipeline, warmUp + i);
            }

            var wal = File.ReadAllBytes(walPath);
            var frames = Frames(wal).Skip(startFrames).ToList();
            Directory.CreateDirectory(snapshot);
            File.Copy(sqlite.DatabasePath, Path.Combine(snapshot, "backcarebot.db"));
            File.WriteAllBytes(Path.Combine(snapshot, "backcarebot.db-wal"), wal);
            var owners = Owners(Path.Combine(snapshot, "backcarebot.db"));

            var turns = conversations * TurnCost.Answers.Length;
            var classes = frames.GroupBy(f => Classify(f, owners)).OrderByDescending(g => g.Count()).ToList();
            Console.WriteLine($"{turns} turns, {store.Writes} writes ({store.PendingWrites} with replies, {store.Deletes} deletes), {frames.Count(f => f.Commit)} commits, {frames.Count} WAL frames of {PageSize(wal)} bytes");
            Console.WriteLine($"documents written: {store.Bytes / Math.Max(1, store.Writes)} bytes on average, with replies {store.PendingBytes / Math.Max(1, store.PendingWrites)}, largest {store.Largest}");
            Console.WriteLine($"**{(double)frames.Count / turns:F2} pages per turn** ({(double)frames.Count * PageSize(wal) / turns / 1024:F1} KB of WAL), {(double)frames.Count / Math.Max(1, frames.Count(f => f.Commit)):F2} per commit");
            Console.WriteLine("| Page | Frames per turn |");
            Console.WriteLine("| --- | ---: |");
            foreach (var group in classes)
            {
                Console.WriteLine($"| {group.Key} | {(double)group.Count() / turns:F2} |");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (Directory.Exists(snapshot))
            {
                Directory.Delete(snapshot, recursive: true);
            }
        }
    }

    /// <summary>One bench conversation delivered as to the Connector: replies stored, sent, then marked delivered.</summary>
    internal static async Task ConversationAsync(TurnPipeline pipeline, int conversation)
    {
        for (var turn = 0; turn < TurnCost.Answers.Length; turn++)
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message, Id = (turn + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ChannelId = "msteams",
                ServiceUrl = "http://127.0.0.1:9/", Conversation = new ConversationAccount { Id = $"a:1{conversation:D8}{new string('x', 96)}" },
                From = new ChannelAccount { Id = "user" }, Recipient = new ChannelAccount { Id = "bot" }, Text = TurnCost.Answers[turn],
            };
            await pipeline.ProcessAsync(activity, Connector.Instance, CancellationToken.None);
        }
    }

    /// <summary>A channel that accepts every reply and, like the Connector, could take stored replies after a restart.</summary>
    private sealed class Connector : IChannelSender
    {
        public static readonly Connector Instance = new();

        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse { Id = "sent" });

        public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse { Id = activity.Id });

        public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;

        public bool DeliversAfterRestart(Activity activity) => true;
    }

    private sealed record Frame(uint Page, bool Commit, byte[] Content);

    private static int PageSize(byte[] wal) => (int)BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(8));

    /// <summary>The WAL's frames in order (the WAL is never reset here: the auto-checkpoint is out of reach).</summary>
    private static List<Frame> Frames(byte[] wal)
    {
        List<Frame> frames = [];
        if (wal.Length < 32)
        {
            return frames;
        }

        var pageSize = PageSize(wal);
        for (var offset = 32; offset + 24 + pageSize <= wal.Length; offset += 24 + pageSize)
        {
            var header = wal.AsSpan(offset, 24);
            frames.Add(new Frame(BinaryPrimitives.ReadUInt32BigEndian(header), BinaryPrimitives.ReadUInt32BigEndian(header[4..]) != 0, wal.AsSpan(offset + 24, pageSize).ToArray()));
        }

        return frames;
    }

    /// <summary>Each B-tree page's table or index, from the file at the end of the run (its WAL checkpointed into it, then walked from each root).</summary>
    private static Dictionary<long, string> Owners(string path)
    {
        List<(string Name, long Root)> roots = [("sqlite_schema", 1)];
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0";
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    roots.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }

            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var file = File.ReadAllBytes(path);
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(16)) is var size && size == 1 ? 65536 : size;
        Dictionary<long, string> owners = [];
        foreach (var (name, root) in roots)
        {
            var stack = new Stack<long>([root]);
            while (stack.TryPop(out var page))
            {
                var start = (int)((page - 1) * pageSize);
                var header = start + (page == 1 ? 100 : 0);
                var flag = file[header];
                var interior = flag is 2 or 5;
                owners[page] = $"{name} {(interior ? "internal" : "leaf")}";
                if (!interior)
                {
                    continue;
                }

                stack.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(header + 8)));
                int cells = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(header + 3));
                for (var i = 0; i < cells; i++)
                {
                    var cell = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(header + 12 + (2 * i)));
                    stack.Push(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(start + cell)));
                }
            }
        }

        return owners;
    }

    /// <summary>
    /// A B-tree page by its flag byte (offset 0, or 100 on page 1) and its owner; any other page is an overflow page
    /// or a freelist trunk (whose second word, its count of leaves, is small where JSON text is not).
    /// </summary>
    private static string Classify(Frame frame, Dictionary<long, string> owners)
    {
        if (frame.Page == 1)
        {
            return "page 1 (file header, schema)";
        }

        var flag = frame.Content[0];
        if (flag is 2 or 5 or 10 or 13)
        {
            var kind = flag is 2 or 5 ? "internal" : "leaf";
            return owners.TryGetValue(frame.Page, out var owner) && owner.EndsWith(kind, StringComparison.Ordinal) ? owner : $"{kind} (now {(owners.TryGetValue(frame.Page, out var now) ? now : "free")})";
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(frame.Content.AsSpan(4));
        return count <= (frame.Content.Length / 4) - 2 ? "freelist trunk" : "overflow";
    }

    /// <summary>Counts what the bot asks of the store.</summary>
    internal sealed class CountingStore(IStateStore inner) : IStateStore
    {
        public long Writes { get; private set; }

        public long PendingWrites { get; private set; }

        public long Deletes { get; private set; }

        public long Bytes { get; private set; }

        public long PendingBytes { get; private set; }

        public int Largest { get; private set; }

        /// <summary>When set, every document written, in order, with whether it was marked pending.</summary>
        public List<(byte[] Data, bool Pending)>? Written { get; init; }

        public void Reset() => (Writes, PendingWrites, Deletes, Bytes, PendingBytes, Largest) = (0, 0, 0, 0, 0, 0);

        public Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
            WriteAsync(key, data, expectedETag, pending: false, cancellationToken);

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken)
        {
            Writes++;
            Bytes += data.Length;
            Largest = Math.Max(Largest, data.Length);
            Written?.Add((data.ToArray(), pending));
            if (pending)
            {
                PendingWrites++;
                PendingBytes += data.Length;
            }

            return inner.WriteAsync(key, data, expectedETag, pending, cancellationToken);
        }

        public IAsyncEnumerable<string> ListPendingAsync(CancellationToken cancellationToken) => inner.ListPendingAsync(cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            Deletes++;
            return inner.DeleteAsync(key, cancellationToken);
        }

        public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken) => inner.ListKeysAsync(prefix, cancellationToken);
    }
}
