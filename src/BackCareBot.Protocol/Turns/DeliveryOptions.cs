namespace BackCareBot.Protocol.Turns;

/// <summary>
/// Section "Delivery": how a turn's stored replies are held while one instance delivers them, and how often the
/// store is swept for replies that were stored and never delivered (a crash, or a channel that gave up).
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// The name this instance writes into the replies it holds for delivery. A process that starts under the name of
    /// one that died takes its replies over at once; others wait for <see cref="Lease"/>. Unset: App Service's
    /// <c>WEBSITE_INSTANCE_ID</c>, else the machine name. Two processes on one machine sharing a store need one each.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>How long replies held by another instance are left to it: longer than a delivery can take.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a turn waits for another instance to finish delivering that conversation's replies (the channel waits 15 s).</summary>
    public TimeSpan BusyWait { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often the store's index of undelivered replies is swept; the first sweep runs at start-up.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string Instance =>
        InstanceId is { Length: > 0 } id ? id
        : Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } appService ? appService
        : Environment.MachineName;

    public static bool IsValid(DeliveryOptions options) =>
        options.Lease >= TimeSpan.FromSeconds(1) && options.Lease <= TimeSpan.FromDays(1)
        && options.BusyWait >= TimeSpan.Zero && options.BusyWait <= TimeSpan.FromMinutes(1)
        && options.SweepInterval >= TimeSpan.FromMilliseconds(100) && options.SweepInterval <= TimeSpan.FromDays(1)
        && (options.InstanceId is null || options.InstanceId.Length <= 128);
}

/// <summary>A conversation whose stored replies have not all been delivered.</summary>
public sealed record PendingConversation(string ChannelId, string ConversationId, string StoreKey);

/// <summary>
/// A bot that stores its replies with its state (an outbox): which conversations still have replies to deliver,
/// and a way to take them for delivery by this instance.
/// </summary>
public interface IStoredReplies
{
    IAsyncEnumerable<PendingConversation> PendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Holds the conversation's undelivered replies for this instance (a conditional write) and puts them into
    /// <paramref name="outbox"/> with their acknowledgement; false when there are none or another instance holds them.
    /// </summary>
    Task<bool> TakeAsync(PendingConversation conversation, Outbox outbox, CancellationToken cancellationToken);
}
