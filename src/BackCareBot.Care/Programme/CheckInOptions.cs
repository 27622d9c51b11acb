namespace BackCareBot.Care.Programme;

/// <summary>The check-in scheduler's settings (section "CheckIn").</summary>
public sealed class CheckInOptions
{
    /// <summary>How often the scheduler looks for due check-ins.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed check-in is held by the instance sending it before another may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When a failed send is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Check-ins claimed at once by one sweep; a sweep claims batches until nothing is due.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Check-in turns run at once by one instance.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>The Azure Queue Storage queue of due times, when Storage:Kind is Blob (same account as the state).</summary>
    public string Queue { get; set; } = "checkins";

    /// <summary>The blob container of planned check-ins, when Storage:Kind is Blob.</summary>
    public string Container { get; set; } = "checkins";

    public TimeOnly QuietStart { get; set; } = QuietHours.Default.Start;

    public TimeOnly QuietEnd { get; set; } = QuietHours.Default.End;

    /// <summary>
    /// For trying the programme by hand: every check-in (the first too) comes this long after opting in, setting a
    /// time or the last check-in, instead of at the picked time the next day; "not today" and a pause keep their
    /// calendar rules. Unset in production.
    /// </summary>
    public TimeSpan? Every { get; set; }

    public QuietHours Quiet => new(QuietStart, QuietEnd);

    public static bool IsValid(CheckInOptions options) =>
        options.PollInterval > TimeSpan.Zero && options.Lease > TimeSpan.Zero && options.RetryDelay > TimeSpan.Zero
        && options.BatchSize is > 0 and <= 1000 && options.Parallelism is > 0 and <= 64
        && (options.Every is null || options.Every > TimeSpan.Zero);
}
