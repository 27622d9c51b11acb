using BackCareBot.Protocol.Schema;

namespace BackCareBot.Protocol.Turns;

/// <summary>
/// One turn: the incoming activity and the ways to answer it. What the bot sends goes into the turn's
/// <see cref="Outbox"/>; the pipeline decides when it goes out (see <see cref="TurnPipeline"/>).
/// </summary>
public sealed class TurnContext(Activity activity)
{
    public Activity Activity { get; } = activity;

    /// <summary>Set by the bot for invoke activities: the HTTP status and body of the channel's request.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>The turn's replies, delivered once the bot is done.</summary>
    public Outbox Outbox { get; } = new();

    /// <summary>
    /// True when the replies go through a channel that stored state can reach again after a restart (the Connector;
    /// not an in-process Direct Line conversation or an expectReplies body), so a bot that stores them may mark
    /// them for the sweep of undelivered replies.
    /// </summary>
    public bool Recoverable { get; init; }

    /// <summary>True once anything was sent in this turn.</summary>
    public bool Responded => Outbox.Entries.Count > 0;

    public ConversationReference ConversationReference => Activity.GetConversationReference();

    /// <summary>
    /// Sends an activity addressed as a reply to the incoming one (fields the caller set are kept). The receipt's id
    /// is a pending one until the turn's replies are delivered, then the channel's: keep the receipt to update the
    /// message in a later turn.
    /// </summary>
    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        Address(activity);
        return Outbox.SendAsync(activity, cancellationToken);
    }

    public Task<ResourceResponse> SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text }, cancellationToken);

    public Task SendTypingAsync(CancellationToken cancellationToken = default) =>
        SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);

    /// <summary>Replaces an earlier message (e.g. a card whose buttons must not be pressed again).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        Address(activity);
        activity.ReplyToId = null;
        return Outbox.UpdateAsync(activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
        Outbox.DeleteAsync(ConversationReference, activityId, cancellationToken);

    private void Address(Activity activity)
    {
        var incoming = Activity;
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId ??= incoming.ChannelId;
        activity.ServiceUrl ??= incoming.ServiceUrl;
        activity.Conversation ??= incoming.Conversation;
        activity.From ??= incoming.Recipient is null ? null : new ChannelAccount { Id = incoming.Recipient.Id, Name = incoming.Recipient.Name };
        activity.Recipient ??= incoming.From is null ? null : new ChannelAccount { Id = incoming.From.Id, Name = incoming.From.Name, AadObjectId = incoming.From.AadObjectId };
        activity.ReplyToId ??= incoming.Id;
        activity.Locale ??= incoming.Locale;
    }
}
