namespace BackCareBot.Care.Programme;

/// <summary>
/// Local hours in which the bot never sends a check-in (by default 21:00 to 07:00): a time picked inside them is
/// moved to their end. <paramref name="Start"/> after <paramref name="End"/> means the quiet spans midnight.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static QuietHours Default { get; } = new(new TimeOnly(21, 0), new TimeOnly(7, 0));

    public bool Contains(TimeOnly time) => Start == End ? false
        : Start < End ? time >= Start && time < End
        : time >= Start || time < End;

    /// <summary>The time itself, or the end of the quiet hours when it falls inside them.</summary>
    public TimeOnly Allowed(TimeOnly time) => Contains(time) ? End : time;
}
