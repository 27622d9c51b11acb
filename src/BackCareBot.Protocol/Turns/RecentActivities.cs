namespace BackCareBot.Protocol.Turns;

/// <summary>A bounded memory of processed activity ids and their outcomes, oldest forgotten first.</summary>
internal sealed class RecentActivities(int capacity, TimeSpan lifetime)
{
    private readonly Dictionary<string, (TurnOutcome Outcome, long Expires)> _outcomes = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public bool TryGet(string key, out TurnOutcome outcome)
    {
        lock (_lock)
        {
            if (_outcomes.TryGetValue(key, out var entry) && entry.Expires > Environment.TickCount64)
            {
                outcome = entry.Outcome;
                return true;
            }

            outcome = TurnOutcome.Ok;
            return false;
        }
    }

    public void Add(string key, TurnOutcome outcome)
    {
        var now = Environment.TickCount64;
        lock (_lock)
        {
            if (!_outcomes.TryAdd(key, (outcome, now + (long)lifetime.TotalMilliseconds)))
            {
                return;
            }

            _order.Enqueue(key);
            while (_order.Count > capacity || (_order.TryPeek(out var oldest) && _outcomes[oldest].Expires <= now))
            {
                _outcomes.Remove(_order.Dequeue());
            }
        }
    }
}
