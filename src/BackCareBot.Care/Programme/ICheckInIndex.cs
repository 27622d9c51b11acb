using BackCareBot.Care.State;

namespace BackCareBot.Care.Programme;

/// <summary>A due check-in that this instance holds until <see cref="CheckInClaim.Until"/>; nobody else sends it meanwhile.</summary>
public sealed record CheckInClaim(CheckInEntry Entry, string Token, DateTimeOffset Until);

/// <summary>
/// The due-time index of planned check-ins, kept beside the conversation state: one entry per conversation,
/// found by due time (a sweep reads only what is due, never every entry). Claiming an entry hides it from other
/// sweeps for a lease; completing removes it unless the turn planned the next one meanwhile; retrying makes it due
/// again later.
/// </summary>
public interface ICheckInIndex
{
    /// <summary>Plans (or moves) the conversation's check-in; a claim held on the old one no longer completes it.</summary>
    Task ScheduleAsync(CheckInEntry entry, CancellationToken cancellationToken);

    Task CancelAsync(string stateKey, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> entries due at <paramref name="now"/> that nobody holds, each now held for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<CheckInClaim>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>The check-in was sent: the entry goes, unless it was planned again since the claim.</summary>
    Task CompleteAsync(CheckInClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// The send failed: the entry is due again at <paramref name="at"/>. If the turn planned the next check-in before
    /// its send failed, that plan is brought forward to <paramref name="at"/>: the turn then sends the unanswered
    /// check-in again and plans the next one anew. A cancelled entry stays cancelled.
    /// </summary>
    Task RetryAsync(CheckInClaim claim, DateTimeOffset at, CancellationToken cancellationToken);
}
