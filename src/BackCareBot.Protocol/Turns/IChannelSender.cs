using BackCareBot.Protocol.Schema;

namespace BackCareBot.Protocol.Turns;

/// <summary>The way out to a channel for one turn: the Connector, a Direct Line conversation, or an <see cref="Outbox"/>.</summary>
public interface IChannelSender
{
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken);
}
