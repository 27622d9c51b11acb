using BackCareBot.Protocol.Schema;

namespace BackCareBot.Protocol.Turns;

/// <summary>The way out to a channel for one turn: the Connector, a Direct Line conversation, or a reply buffer.</summary>
public interface IChannelSender
{
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken);
}

/// <summary>Collects replies for <c>deliveryMode: expectReplies</c>; nothing goes to the Connector.</summary>
public sealed class BufferingChannelSender : IChannelSender
{
    private readonly List<Activity> _replies = [];
    private int _next;

    public IReadOnlyList<Activity> Replies => _replies;

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        activity.Id ??= $"reply-{Interlocked.Increment(ref _next)}";
        _replies.Add(activity);
        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var index = _replies.FindIndex(a => a.Id == activity.Id);
        if (index >= 0)
        {
            _replies[index] = activity;
        }
        else
        {
            _replies.Add(activity);
        }

        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        _replies.RemoveAll(a => a.Id == activityId);
        return Task.CompletedTask;
    }
}
