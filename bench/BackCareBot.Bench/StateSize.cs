using BackCareBot.Care;
using BackCareBot.Care.Content;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackCareBot.Bench;

/// <summary>Runs one whole assessment into SQLite and prints the stored bytes per conversation.</summary>
internal static class StateSize
{
    private static readonly string[] Conversation =
    [
        "hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle",
        "more than an hour", "yes", "no", "more than 3 months", "35 to 44", "yes", "no", "no", "no", "yes", "no", "neither", "5", "yes", "yes", "yes",
    ];

    public static async Task PrintAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-size-" + Guid.NewGuid().ToString("N"));
        using (var store = new SqliteStateStore(folder))
        {
            var bot = new CareBot(CareContent.Load(CareContent.DefaultFolder), store, new CareOptions(), NullLogger<CareBot>.Instance);
            var pipeline = new TurnPipeline(bot, [], NullLogger<TurnPipeline>.Instance);
            var id = 0;
            foreach (var text in Conversation)
            {
                await pipeline.ProcessAsync(
                    new Activity
                    {
                        Type = ActivityTypes.Message, Id = (++id).ToString(System.Globalization.CultureInfo.InvariantCulture), ChannelId = "bench",
                        ServiceUrl = "http://127.0.0.1:9/", Conversation = new ConversationAccount { Id = "size" }, LocalTimestamp = "2026-11-24T07:30:00+00:00",
                        From = new ChannelAccount { Id = "user" }, Recipient = new ChannelAccount { Id = "bot" }, Text = text, DeliveryMode = DeliveryModes.ExpectReplies,
                    },
                    new Outbox(),
                    CancellationToken.None);
            }

            var total = 0;
            await foreach (var key in store.ListKeysAsync("", CancellationToken.None))
            {
                var item = await store.ReadAsync(key, CancellationToken.None);
                Console.WriteLine($"{key}: {item!.Data.Length} bytes");
                total += item.Data.Length;
            }

            Console.WriteLine($"total for one full assessment with a planned check-in: {total} bytes");
        }

        Directory.Delete(folder, recursive: true);
    }
}
