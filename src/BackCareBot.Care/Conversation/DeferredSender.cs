using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// Holds a turn's outgoing activities until its state is saved: if the save loses an ETag race, the turn is run
/// again from fresh state and nothing from the losing attempt reaches the user.
/// </summary>
internal sealed class DeferredSender : IChannelSender
{
    private readonly List<(char Kind, Activity? Activity, string? Id)> _operations = [];

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        _operations.Add(('S', activity, null));
        return Task.FromResult(new ResourceResponse { Id = $"pending-{_operations.Count}" });
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        _operations.Add(('U', activity, null));
        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        _operations.Add(('D', null, activityId));
        return Task.CompletedTask;
    }

    public async Task FlushAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var (kind, activity, id) in _operations)
        {
            switch (kind)
            {
                case 'S':
                    await turn.SendActivityAsync(activity!, cancellationToken).ConfigureAwait(false);
                    break;
                case 'U':
                    await turn.UpdateActivityAsync(activity!, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await turn.DeleteActivityAsync(id!, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }
}
