using Process = System.Diagnostics.Process;
using BackCareBot.Care;
using BackCareBot.Care.Content;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackCareBot.Bench;

/// <summary>
/// The bot's own work per turn without HTTP: the bench conversation's typed answers from "hi" to the exercise
/// cards (17 turns, SQLite state, Teams cards, replies collected) through the turn pipeline, after 300 conversations
/// of warm-up; prints the process CPU and the bytes allocated per turn. The allocation figure does not depend on
/// the machine's load, so it compares two builds exactly; the CPU figure is as noisy as the machine.
/// </summary>
internal static class TurnCost
{
    internal static readonly string[] Answers =
        ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my side", "only under my head", "medium", "one side of my lower back", "less than 30 minutes", "neither", "5"];

    public static async Task PrintAsync(int conversations, bool compress = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-turn-cost-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new SqliteStateStore(folder, compressLongDocuments: compress);
            var bot = new CareBot(CareContent.Load(CareContent.DefaultFolder), store, new PictureAddress(new CareOptions()), NullLogger<CareBot>.Instance);
            var pipeline = new TurnPipeline(bot, [], NullLogger<TurnPipeline>.Instance);
            var next = 0;
            for (var i = 0; i < 300; i++)
            {
                await ConversationAsync(pipeline, ++next);
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long replies = 0;
            for (var i = 0; i < conversations; i++)
            {
                replies += await ConversationAsync(pipeline, ++next);
            }

            var turns = conversations * Answers.Length;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"{turns} turns: {cpuMs * 1000 / turns:F1} us of CPU and {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / turns} bytes allocated per turn, {(double)replies / turns:F2} replies per turn");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> ConversationAsync(TurnPipeline pipeline, int conversation)
    {
        var replies = 0;
        for (var turn = 0; turn < Answers.Length; turn++)
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message, Id = (turn + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ChannelId = "msteams",
                ServiceUrl = "http://127.0.0.1:9/", Conversation = new ConversationAccount { Id = $"cost-{conversation}" },
                From = new ChannelAccount { Id = "user" }, Recipient = new ChannelAccount { Id = "bot" }, Text = Answers[turn], DeliveryMode = DeliveryModes.ExpectReplies,
            };
            var outcome = await pipeline.ProcessAsync(activity, new Outbox(), CancellationToken.None);
            replies += outcome.Body?.GetProperty("activities").GetArrayLength() ?? 0;
        }

        return replies;
    }
}
