using BackCareBot.Care;
using BackCareBot.Care.Content;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackCareBot.Bench;

/// <summary>
/// One turn of the real back-care conversation with SQLite state: load, recognise the answer, run the step, save.
/// Each invocation answers one assessment question in a conversation that is already at that question.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private static readonly string[] Opening = ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bcb-bench-" + Guid.NewGuid().ToString("N"));
    private SqliteStateStore _store = null!;
    private TurnPipeline _pipeline = null!;
    private int _conversation;

    [GlobalSetup]
    public void Setup()
    {
        _store = new SqliteStateStore(_folder);
        var bot = new CareBot(CareContent.Load(CareContent.DefaultFolder), _store, new PictureAddress(new CareOptions()), NullLogger<CareBot>.Instance);
        _pipeline = new TurnPipeline(bot, [], NullLogger<TurnPipeline>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The opening (consent and red-flag screen) then the sleeping-position answer: 11 turns.</summary>
    [Benchmark(OperationsPerInvoke = 11)]
    public async Task Turns_to_the_first_assessment_answer()
    {
        var conversation = $"bench-{Interlocked.Increment(ref _conversation)}";
        var id = 0;
        foreach (var text in Opening.Append("on my side"))
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message, Id = (++id).ToString(System.Globalization.CultureInfo.InvariantCulture), ChannelId = "bench",
                ServiceUrl = "http://127.0.0.1:9/", Conversation = new ConversationAccount { Id = conversation },
                From = new ChannelAccount { Id = "user" }, Recipient = new ChannelAccount { Id = "bot" }, Text = text, DeliveryMode = DeliveryModes.ExpectReplies,
            };
            await _pipeline.ProcessAsync(activity, new Outbox(), CancellationToken.None);
        }
    }

    public static async Task Main(string[] args)
    {
        if (args is ["--state-size"])
        {
            await StateSize.PrintAsync();
            return;
        }

        if (args is ["--checkin-sweep", var pending])
        {
            await CheckInSweep.PrintAsync(int.Parse(pending, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        // --compress: the SQLite store with Storage:CompressLongDocuments on.
        var compress = args is [.., "--compress"];
        if (compress)
        {
            args = args[..^1];
        }

        if (args is ["--turn-cost", var conversations])
        {
            await TurnCost.PrintAsync(int.Parse(conversations, System.Globalization.CultureInfo.InvariantCulture), compress);
            return;
        }

        if (args is ["--store-pages", var pageConversations])
        {
            await StorePages.PrintAsync(int.Parse(pageConversations, System.Globalization.CultureInfo.InvariantCulture), compress);
            return;
        }

        if (args is ["--store-turns", var turns])
        {
            await StoreTurns.PrintAsync(int.Parse(turns, System.Globalization.CultureInfo.InvariantCulture), compress);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(TurnBenchmarks).Assembly).Run(args);
    }
}
