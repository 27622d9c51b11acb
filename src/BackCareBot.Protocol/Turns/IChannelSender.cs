using BackCareBot.Protocol.Schema;

namespace BackCareBot.Protocol.Turns;

/// <summary>The way out to a channel for one turn: the Connector, a Direct Line conversation, or an <see cref="Outbox"/>.</summary>
public interface IChannelSender
{
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether replies to this activity could be delivered later from the store, by any instance and after a restart
    /// (the Connector: yes; a channel held in this process, such as the local Direct Line or an outbox: no).
    /// </summary>
    bool DeliversAfterRestart(Activity activity) => false;
}
