using System.Globalization;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Web.DirectLine;

/// <summary>The bot's way out to a Direct Line conversation: replies go straight into the conversation log.</summary>
public sealed class DirectLineChannelSender(DirectLineConversationLog conversation, TimeProvider time) : IChannelSender
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = conversation.NextActivityId();
        activity.Timestamp = Now();
        if (activity.IsType(ActivityTypes.Typing))
        {
            conversation.Signal(activity);
        }
        else
        {
            conversation.Append(activity);
        }

        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    /// <summary>Web Chat replaces an activity when one with the same id arrives, so an update is a re-send.</summary>
    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        activity.Id ??= conversation.NextActivityId();
        activity.Timestamp ??= Now();
        conversation.Append(activity);
        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        conversation.Remove(activityId);
        return Task.CompletedTask;
    }

    private string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
