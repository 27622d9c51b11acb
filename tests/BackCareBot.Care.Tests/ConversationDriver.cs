using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.Content;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BackCareBot.Care.Tests;

/// <summary>What the bot sent back for one user activity, flattened for assertions.</summary>
public sealed record BotReply(Activity Activity)
{
    public string? Text => Activity.Text;

    public IReadOnlyList<string> Buttons => Activity.SuggestedActions?.Actions?.Select(a => a.Title ?? "").ToList() ?? [];

    public IReadOnlyList<JsonObject> Cards => Activity.Attachments?
        .Where(a => a.ContentType == "application/vnd.microsoft.card.adaptive" && a.Content is not null)
        .Select(a => JsonNode.Parse(a.Content!.Value.GetRawText())!.AsObject()).ToList() ?? [];

    /// <summary>Exercise ids of the exercise cards (their "done" button carries the id).</summary>
    public IEnumerable<string> Exercises => Cards.SelectMany(c => (c["body"]?.AsArray() ?? []).Where(e => e?["type"]?.GetValue<string>() == "ActionSet"))
        .SelectMany(set => set!["actions"]!.AsArray())
        .Select(a => a?["data"]?["exercise"]?.GetValue<string>()).OfType<string>().Distinct();

    /// <summary>All words a user sees: text, card text, facts, input labels, button titles.</summary>
    public string Visible => string.Join("\n", new[] { Text ?? "" }.Concat(Buttons).Concat(Cards.SelectMany(CardWords)));

    private static IEnumerable<string> CardWords(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key is "text" or "title" or "value" or "label" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : CardWords(p.Value)),
        JsonArray a => a.SelectMany(CardWords),
        _ => [],
    };
}

/// <summary>
/// Talks to the real bot in-process through the real turn pipeline: each message is posted with
/// deliveryMode expectReplies, exactly as a channel would, and the replies come back in order.
/// </summary>
public sealed class ConversationDriver
{
    private static readonly Lazy<CareContent> SharedContent = new(() => CareContent.Load(CareContent.DefaultFolder));
    private readonly TurnPipeline _pipeline;
    private int _next;

    public ConversationDriver(IStateStore? store = null, string locale = "en-GB", string channelId = "test", string? conversationId = null, FakeTimeProvider? time = null, CheckInOptions? checkIns = null)
    {
        Store = store ?? new MemoryStateStore();
        Clock = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero));
        Locale = locale;
        ChannelId = channelId;
        ConversationId = conversationId ?? "conv-" + Guid.NewGuid().ToString("N");
        var bot = new CareBot(
            Content, Store, new PictureAddress(new CareOptions { PublicUrl = "https://bot.example" }), NullLogger<CareBot>.Instance, Clock, CheckIns, Options.Create(checkIns ?? new CheckInOptions()));
        _pipeline = new TurnPipeline(bot, [], NullLogger<TurnPipeline>.Instance);
    }

    public static CareContent Content => SharedContent.Value;

    public IStateStore Store { get; }

    /// <summary>The bot's clock: starts at the driver's local timestamp (2026-11-24 07:30 UTC); tests move it.</summary>
    public FakeTimeProvider Clock { get; }

    public MemoryCheckInIndex CheckIns { get; } = new();

    public string Locale { get; set; }

    /// <summary>The user's local time as the channel sends it (its offset places the 08:00 check-in).</summary>
    public string LocalTimestamp { get; set; } = "2026-11-24T07:30:00.000+00:00";

    public string ChannelId { get; }

    public string ConversationId { get; }

    /// <summary>Where the bot stores this conversation's state, as the bot names it.</summary>
    public string StateKey => CareBot.StateKey(new Activity { ChannelId = ChannelId, Conversation = new ConversationAccount { Id = ConversationId } });

    public Task<IReadOnlyList<BotReply>> SayAsync(string text) => SendAsync(new Activity { Type = ActivityTypes.Message, Text = text });

    /// <summary>A card button press as Action.Submit sends it: a message with value and no text.</summary>
    public Task<IReadOnlyList<BotReply>> SubmitAsync(JsonObject value) =>
        SendAsync(new Activity { Type = ActivityTypes.Message, Value = JsonSerializer.SerializeToElement(value, TestJson.Default.JsonObject) });

    public async Task<IReadOnlyList<BotReply>> SendAsync(Activity activity)
    {
        activity.Id ??= $"m{Interlocked.Increment(ref _next)}";
        activity.ChannelId = ChannelId;
        activity.ServiceUrl ??= "https://channel.example/";
        activity.Conversation ??= new ConversationAccount { Id = ConversationId };
        activity.From ??= new ChannelAccount { Id = "user-1", Name = "Test User" };
        activity.Recipient ??= new ChannelAccount { Id = "bot-1", Name = "BackCareBot" };
        activity.Locale ??= Locale;
        activity.LocalTimestamp ??= LocalTimestamp;
        activity.DeliveryMode = activity.IsType(ActivityTypes.Invoke) ? null : DeliveryModes.ExpectReplies;
        var buffer = new Outbox();
        var outcome = await _pipeline.ProcessAsync(activity, buffer, CancellationToken.None);
        // What follows the response (the messages after an invoke response, marking expectReplies as delivered).
        await outcome.Completion;
        if (activity.IsType(ActivityTypes.Invoke))
        {
            LastInvoke = outcome;
            return [.. buffer.Replies().Select(a => new BotReply(a))];
        }

        var replies = JsonSerializer.Deserialize(outcome.Body!.Value, ProtocolJsonContext.Default.ExpectedReplies)!.Activities ?? [];
        return [.. replies.Select(a => new BotReply(a))];
    }

    public TurnOutcome? LastInvoke { get; private set; }

    /// <summary>Moves the clock to <paramref name="until"/> and runs a check-in turn for each claimed due entry, as the scheduler does.</summary>
    public async Task<IReadOnlyList<BotReply>> CheckInsDueAsync(DateTimeOffset until)
    {
        Clock.SetUtcNow(until);
        List<BotReply> replies = [];
        foreach (var claim in await CheckIns.ClaimDueAsync(until, 100, TimeSpan.FromMinutes(2), CancellationToken.None))
        {
            var buffer = new Outbox();
            await _pipeline.ContinueConversationAsync(claim.Entry.Reference, "checkin", buffer, CancellationToken.None);
            await CheckIns.CompleteAsync(claim, CancellationToken.None);
            replies.AddRange(buffer.Replies().Select(a => new BotReply(a)));
        }

        return replies;
    }

    /// <summary>Runs a proactive check-in turn, as the scheduler does.</summary>
    public async Task<IReadOnlyList<BotReply>> CheckInAsync()
    {
        var buffer = new Outbox();
        var reference = new ConversationReference
        {
            ChannelId = ChannelId, ServiceUrl = "https://channel.example/", Conversation = new ConversationAccount { Id = ConversationId },
            User = new ChannelAccount { Id = "user-1" }, Bot = new ChannelAccount { Id = "bot-1" }, Locale = Locale,
        };
        await _pipeline.ContinueConversationAsync(reference, "checkin", buffer, CancellationToken.None);
        return [.. buffer.Replies().Select(a => new BotReply(a))];
    }

    public async Task<IReadOnlyList<BotReply>> SayAllAsync(params string[] messages)
    {
        IReadOnlyList<BotReply> last = [];
        foreach (var message in messages)
        {
            last = await SayAsync(message);
        }

        return last;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
