using BackCareBot.Care.State;

namespace BackCareBot.Care.Programme;

/// <summary>The index for the in-memory store (tests, throwaway runs): entries sorted by due time under one lock.</summary>
public sealed class MemoryCheckInIndex : ICheckInIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Slot> _byKey = new(StringComparer.Ordinal);
    private readonly SortedSet<(long Due, string Key)> _byDue = [];

    public Task ScheduleAsync(CheckInEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Remove(entry.StateKey);
            Add(new Slot(entry, entry.Due.UtcTicks, Guid.NewGuid().ToString("N")));
        }

        return Task.CompletedTask;
    }

    public Task CancelAsync(string stateKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Remove(stateKey);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CheckInClaim>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        List<CheckInClaim> claims = [];
        lock (_lock)
        {
            foreach (var (_, key) in _byDue.GetViewBetween((long.MinValue, ""), (now.UtcTicks, "\uffff")).Take(max).ToList())
            {
                var slot = _byKey[key];
                var token = Guid.NewGuid().ToString("N");
                var until = now + lease;
                Remove(key);
                Add(slot with { Due = until.UtcTicks, Token = token });
                claims.Add(new CheckInClaim(slot.Entry, token, until));
            }
        }

        return Task.FromResult<IReadOnlyList<CheckInClaim>>(claims);
    }

    public Task CompleteAsync(CheckInClaim claim, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Holds(claim))
            {
                Remove(claim.Entry.StateKey);
            }
        }

        return Task.CompletedTask;
    }

    public Task RetryAsync(CheckInClaim claim, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(claim.Entry.StateKey, out var slot))
            {
                var due = slot.Token == claim.Token ? at.UtcTicks : Math.Min(slot.Due, at.UtcTicks);
                Remove(claim.Entry.StateKey);
                Add(slot with { Due = due, Token = Guid.NewGuid().ToString("N") });
            }
        }

        return Task.CompletedTask;
    }

    private bool Holds(CheckInClaim claim) => _byKey.TryGetValue(claim.Entry.StateKey, out var slot) && slot.Token == claim.Token;

    private void Add(Slot slot)
    {
        _byKey[slot.Entry.StateKey] = slot;
        _byDue.Add((slot.Due, slot.Entry.StateKey));
    }

    private void Remove(string key)
    {
        if (_byKey.Remove(key, out var slot))
        {
            _byDue.Remove((slot.Due, key));
        }
    }

    private sealed record Slot(CheckInEntry Entry, long Due, string Token);
}
