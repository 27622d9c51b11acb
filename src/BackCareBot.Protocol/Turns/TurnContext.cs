using BackCareBot.Protocol.Schema;

namespace BackCareBot.Protocol.Turns;

/// <summary>One turn: the incoming activity and the ways to answer it.</summary>
public sealed class TurnContext
{
    private readonly IChannelSender _sender;

    public TurnContext(Activity activity, IChannelSender sender)
    {
        Activity = activity;
        _sender = sender;
    }

    public Activity Activity { get; }

    /// <summary>Set by the bot for invoke activities: the HTTP status and body of the channel's request.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>
    /// For invoke turns: work that runs once the invoke response is on its way (e.g. the Connector sends that follow
    /// a card action), so the channel gets its answer within its time limit. It still runs before the
    /// conversation's next turn.
    /// </summary>
    public Func<CancellationToken, Task>? AfterInvokeResponse { get; set; }

    /// <summary>True once anything was sent in this turn.</summary>
    public bool Responded { get; private set; }

    public ConversationReference ConversationReference => Activity.GetConversationReference();

    /// <summary>Sends an activity addressed as a reply to the incoming one (fields the caller set are kept).</summary>
    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        Address(activity);
        var response = await _sender.SendAsync(activity, cancellationToken).ConfigureAwait(false);
        Responded = true;
        return response;
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
        return _sender.UpdateAsync(activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
        _sender.DeleteAsync(ConversationReference, activityId, cancellationToken);

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
