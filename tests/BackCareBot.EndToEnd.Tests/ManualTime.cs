namespace BackCareBot.EndToEnd.Tests;

/// <summary>A clock the test moves forward by hand (for token expiry).</summary>
public sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
