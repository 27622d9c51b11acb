using System.Text.Json;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Care;

/// <summary>
/// The replies a turn stored with its state, as they are delivered: removed from the state once delivered, and for
/// a check-in, marked as handed to the channel just before the first send and re-planned in the due-time index only
/// once delivered. So a check-in stored before a crash is still due when the instance's claim runs out and is
/// delivered after the restart, and one whose sending had begun is never sent a second time.
/// </summary>
internal sealed partial class StoredReplies(IStateStore store, ICheckInIndex checkIns, ILogger logger)
{
    /// <summary>Delivery of <paramref name="state"/>'s pending replies through <paramref name="outbox"/>: marks and acknowledgements.</summary>
    public void Attach(Outbox outbox, string key, string etag, CareState state)
    {
        var written = new StrongBox(etag);
        if (state.Pending is { Sending: not null })
        {
            outbox.Sending = token => MarkAsync(key, written, state, true, token);
            outbox.Unsent = token => MarkAsync(key, written, state, false, token);
        }

        outbox.Acknowledge = (count, token) => AcknowledgeAsync(key, written, state, count, token);
    }

    /// <summary>A check-in's replies whose sending began before a crash: they may have been seen, so they go, and the next check-in is planned.</summary>
    public async Task DropAsync(string key, StoredState stored, CareState state, CancellationToken cancellationToken)
    {
        LogDropped(logger, state.Pending!.Entries.Count);
        state.Pending = null;
        await store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), stored.ETag, cancellationToken).ConfigureAwait(false);
        await ReplanAsync(key, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the state's planned check-in into the due-time index, or removes it when none is planned.</summary>
    public Task ReplanAsync(string key, CareState state, CancellationToken cancellationToken) =>
        state.CheckInDue is { } due && state.CheckInReference is { } reference
            ? checkIns.ScheduleAsync(new CheckInEntry { StateKey = key, Due = due, Reference = reference }, cancellationToken)
            : checkIns.CancelAsync(key, cancellationToken);

    /// <summary>Records that sending began (true), or that what is left is known not to have gone out (false: the retry sends it).</summary>
    private async Task MarkAsync(string key, StrongBox etag, CareState state, bool sending, CancellationToken cancellationToken)
    {
        if (state.Pending is not { } pending)
        {
            return;
        }

        pending.Sending = sending;
        etag.Value = await store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), etag.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes delivered replies from the stored state (one conditional write; a conflict means a later turn already
    /// replaced them); once all of a check-in's replies are delivered, the next check-in goes into the index.
    /// </summary>
    private async Task AcknowledgeAsync(string key, StrongBox etag, CareState state, int delivered, CancellationToken cancellationToken)
    {
        if (state.Pending is not { } pending)
        {
            return;
        }

        var checkIn = pending.Sending is not null;
        pending.Entries.RemoveRange(0, Math.Min(delivered, pending.Entries.Count));
        if (pending.Entries.Count == 0)
        {
            state.Pending = null;
        }

        try
        {
            etag.Value = await store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), etag.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            LogAcknowledgeConflict(logger);
            return;
        }

        if (checkIn && state.Pending is null)
        {
            await ReplanAsync(key, state, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class StrongBox(string value)
    {
        public string Value { get; set; } = value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivered replies were not marked: the state had changed since")]
    private static partial void LogAcknowledgeConflict(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A check-in's {Count} replies were being sent when the instance stopped: not sent again")]
    private static partial void LogDropped(ILogger logger, int count);
}
