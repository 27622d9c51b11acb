using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Care.State;

/// <summary>What a conversation's stored state means for an activity that arrives.</summary>
internal enum StoredVerdict
{
    /// <summary>A new activity: run its turn.</summary>
    Run,

    /// <summary>An activity whose turn is already stored and delivered: send nothing.</summary>
    Duplicate,

    /// <summary>Stored replies nobody is delivering: deliver them (again), and run nothing.</summary>
    Deliver,

    /// <summary>Stored replies another instance is delivering right now: wait for it.</summary>
    Busy,
}

/// <summary>
/// The outbox rules of a conversation's stored state, shared by every instance on one store: a turn's replies are
/// stored with its state and activity id, held by the instance that wrote them (<see cref="PendingReplies.Sender"/>
/// until <see cref="PendingReplies.Until"/>), and removed once delivered. Every write is conditional on the ETag
/// read, so of two instances racing over a conversation one writes and the other reads again: replies go out only
/// after the write that holds them succeeded, never twice. Stored replies mark the document pending in the store's
/// index, so a sweep finds them after a restart.
/// </summary>
internal sealed partial class StoredTurns(IStateStore store, DeliveryOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Activity ids remembered per conversation: channels retry within minutes, long before 8 more activities.</summary>
    private const int SeenCapacity = 8;

    public StoredVerdict Examine(CareState state, Activity activity)
    {
        if (state.Pending is { } pending)
        {
            return HeldByOther(pending) ? StoredVerdict.Busy : StoredVerdict.Deliver;
        }

        return activity.Id is { } id && (id == state.LastActivityId || (state.Seen?.Contains(Hash(id)) ?? false))
            ? StoredVerdict.Duplicate
            : StoredVerdict.Run;
    }

    /// <summary>Takes the stored replies for this instance (one conditional write); null when the state changed since it was read.</summary>
    public async Task<string?> ClaimAsync(string key, string etag, CareState state, CancellationToken cancellationToken)
    {
        Hold(state.Pending!);
        try
        {
            return await WriteAsync(key, state, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            return null;
        }
    }

    /// <summary>Records a turn in its new state: its activity id, and its replies held by this instance for delivery.</summary>
    public void Record(CareState state, TurnContext turn)
    {
        state.LastActivityId = turn.Activity.Id;
        if (turn.Activity.Id is { } id)
        {
            var seen = state.Seen ??= [];
            seen.Add(Hash(id));
            if (seen.Count > SeenCapacity)
            {
                seen.RemoveRange(0, seen.Count - SeenCapacity);
            }
        }

        state.Pending = null;
        if (turn.Outbox.Entries.Count > 0)
        {
            state.Pending = new PendingReplies { Entries = [.. turn.Outbox.Entries], Invoke = turn.InvokeResponse, Recoverable = turn.Recoverable ? true : null };
            Hold(state.Pending);
        }
    }

    public Task<string> WriteAsync(string key, CareState state, string? etag, CancellationToken cancellationToken) =>
        store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), etag, state.Pending?.Recoverable == true, cancellationToken);

    /// <summary>Puts the stored replies (held by this instance under <paramref name="etag"/>) into the outbox, to be acknowledged once delivered.</summary>
    public void Attach(Outbox outbox, string key, string etag, CareState state)
    {
        outbox.Replay(state.Pending!.Entries);
        outbox.Acknowledge = (count, finished, token) => AcknowledgeAsync(key, etag, state, count, finished, token);
    }

    public static CareState Load(StoredState? stored)
    {
        if (stored is null)
        {
            return new CareState();
        }

        var state = JsonSerializer.Deserialize(stored.Data, CareStateJsonContext.Default.CareState) ?? new CareState();
        // Version 1 is the first stored shape; later versions migrate older documents here.
        state.SchemaVersion = CareState.CurrentSchemaVersion;
        return state;
    }

    /// <summary>The conversations the store marks as holding undelivered replies.</summary>
    public async IAsyncEnumerable<PendingConversation> PendingAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in store.ListPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (CareBot.ParseStateKey(key) is var (channel, conversation))
            {
                yield return new PendingConversation(channel, conversation, key);
            }
        }
    }

    /// <summary>Takes a conversation's undelivered replies for this instance, unless there are none or another instance holds them.</summary>
    public async Task<bool> TakeAsync(PendingConversation conversation, Outbox outbox, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(conversation.StoreKey, cancellationToken).ConfigureAwait(false);
        var state = Load(stored);
        if (stored is null || Examine(state, new Activity()) != StoredVerdict.Deliver
            || await ClaimAsync(conversation.StoreKey, stored.ETag, state, cancellationToken).ConfigureAwait(false) is not { } held)
        {
            return false;
        }

        LogSwept(logger, state.Pending!.Entries.Count);
        Attach(outbox, conversation.StoreKey, held, state);
        return true;
    }

    private bool HeldByOther(PendingReplies pending) =>
        pending.Sender is { } sender && sender != options.Instance && pending.Until > time.GetUtcNow();

    private void Hold(PendingReplies pending)
    {
        pending.Sender = options.Instance;
        pending.Until = time.GetUtcNow() + options.Lease;
    }

    /// <summary>
    /// Removes delivered replies (one conditional write); after a failed send the rest are released, so the channel's
    /// retry, the next activity or the sweep delivers them on any instance. A conflict means a later turn replaced them.
    /// </summary>
    private async Task AcknowledgeAsync(string key, string etag, CareState state, int delivered, bool finished, CancellationToken cancellationToken)
    {
        if (state.Pending is not { } pending)
        {
            return;
        }

        pending.Entries.RemoveRange(0, Math.Min(delivered, pending.Entries.Count));
        if (pending.Entries.Count == 0)
        {
            state.Pending = null;
        }
        else if (!finished)
        {
            pending.Sender = null;
            pending.Until = null;
        }

        try
        {
            await WriteAsync(key, state, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            LogAcknowledgeConflict(logger);
        }
    }

    /// <summary>
    /// 12 characters of a 128-bit XXH3 hash: the state stays small whatever the channel's ids look like, and holds no id.
    /// Telling retries apart needs no cryptographic hash, and this one keeps OpenSSL out of a bot that has no other use
    /// for it (about 5 MB of RSS in the anonymous benchmark; with TLS to the Connector it is loaded anyway).
    /// </summary>
    private static string Hash(string id) => Convert.ToBase64String(XxHash128.Hash(Encoding.UTF8.GetBytes(id)).AsSpan(0, 9));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} stored replies found by the sweep of undelivered replies")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivered replies were not marked: the state had changed since")]
    private static partial void LogAcknowledgeConflict(ILogger logger);
}
