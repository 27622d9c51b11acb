namespace BackCareBot.Web.Tests.Fakes;

/// <summary>A clock the test moves forward by hand (for key-cache ages; token lifetimes use the real clock).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
