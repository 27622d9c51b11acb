using BackCareBot.Protocol.Connector;
using System.Text.Json.Serialization;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Protocol.Turns;

/// <summary>One change a turn makes in its conversation: a message sent, an earlier one replaced, or one deleted.</summary>
public sealed class OutgoingActivity
{
    public const string Send = "send";
    public const string Update = "update";
    public const string Delete = "delete";

    public string Kind { get; set; } = Send;

    /// <summary>The activity to send or the replacement (addressed); null for a delete.</summary>
    public Activity? Activity { get; set; }

    /// <summary>The id of the activity a delete removes.</summary>
    public string? DeleteId { get; set; }

    /// <summary>The conversation a delete applies to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversationReference? Reference { get; set; }

    /// <summary>What the sender got back: a pending id until delivery, then the id the channel gave the activity.</summary>
    [JsonIgnore]
    public ResourceResponse? Receipt { get; set; }
}

/// <summary>
/// A turn's replies, held until the turn is over: the bot writes them here (through <see cref="TurnContext"/>), may
/// store them with its state, and the <see cref="TurnPipeline"/> delivers them: in the expectReplies body, after the
/// invoke response, or at once through the channel. Also a channel that only collects, for tests and benchmarks.
/// </summary>
public sealed class Outbox : IChannelSender
{
    private readonly List<OutgoingActivity> _entries = [];

    public IReadOnlyList<OutgoingActivity> Entries => _entries;

    /// <summary>
    /// Set by a bot that stored the entries with its state: called once the first <c>count</c> entries have been
    /// delivered, so they are not delivered again; <c>finished</c> is true when all went out, false when a send
    /// failed (then <c>count</c> may be 0), so the bot can release what it held for the delivery.
    /// </summary>
    public Func<int, bool, CancellationToken, Task>? Acknowledge { get; set; }

    /// <summary>
    /// The activities as a conversation shows them now: sends in order, updates and deletes applied. Sends without
    /// an id get <c>reply-N</c>, as no channel assigns ids to an expectReplies answer.
    /// </summary>
    public List<Activity> Replies()
    {
        var replies = new List<Activity>(_entries.Count);
        var sent = 0;
        foreach (var entry in _entries)
        {
            if (entry.Kind == OutgoingActivity.Send)
            {
                entry.Activity!.Id ??= $"reply-{++sent}";
            }

            var index = entry.Kind == OutgoingActivity.Send ? -1 : replies.FindIndex(a => a.Id == (entry.DeleteId ?? entry.Activity?.Id));
            if (entry.Kind == OutgoingActivity.Delete)
            {
                if (index >= 0)
                {
                    replies.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                replies[index] = entry.Activity!;
            }
            else
            {
                replies.Add(entry.Activity!);
            }
        }

        return replies;
    }

    /// <summary>Puts back entries stored by an earlier attempt at this turn, to be delivered instead of new ones.</summary>
    public void Replay(IEnumerable<OutgoingActivity> stored)
    {
        _entries.Clear();
        _entries.AddRange(stored);
    }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var receipt = new ResourceResponse { Id = activity.Id ?? $"pending-{_entries.Count + 1}" };
        _entries.Add(new OutgoingActivity { Activity = activity, Receipt = receipt });
        return Task.FromResult(receipt);
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        _entries.Add(new OutgoingActivity { Kind = OutgoingActivity.Update, Activity = activity });
        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        _entries.Add(new OutgoingActivity { Kind = OutgoingActivity.Delete, DeleteId = activityId, Reference = reference });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Delivers the entries in order; on failure acknowledges those that went out and rethrows. When the channel
    /// refuses for good (<see cref="ConnectorException.IsPermanent"/>: the bot was removed, the conversation is gone,
    /// the request can never be accepted), the rest are acknowledged too: trying them again would fail the same way.
    /// </summary>
    public async Task DeliverAsync(IChannelSender channel, CancellationToken cancellationToken)
    {
        var delivered = 0;
        try
        {
            for (; delivered < _entries.Count; delivered++)
            {
                await DeliverAsync(channel, _entries[delivered], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (Acknowledge is not null)
        {
            var dropped = e is ConnectorException { IsPermanent: true };
            await Acknowledge(dropped ? _entries.Count : delivered, dropped, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await AcknowledgeAsync(delivered, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the bot that stored the entries that the first <paramref name="count"/> are delivered.</summary>
    public Task AcknowledgeAsync(int count, CancellationToken cancellationToken) =>
        Acknowledge is { } acknowledge && count > 0 ? acknowledge(count, count >= _entries.Count, cancellationToken) : Task.CompletedTask;

    private static async Task DeliverAsync(IChannelSender channel, OutgoingActivity entry, CancellationToken cancellationToken)
    {
        switch (entry.Kind)
        {
            case OutgoingActivity.Update:
                await channel.UpdateAsync(entry.Activity!, cancellationToken).ConfigureAwait(false);
                break;
            case OutgoingActivity.Delete:
                await channel.DeleteAsync(entry.Reference ?? new ConversationReference(), entry.DeleteId!, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var sent = await channel.SendAsync(entry.Activity!, cancellationToken).ConfigureAwait(false);
                // A bot that kept the receipt (to update the message later) sees the channel's id once it is delivered.
                if (entry.Receipt is { } receipt && sent.Id is { Length: > 0 } id)
                {
                    receipt.Id = id;
                }

                break;
        }
    }
}
