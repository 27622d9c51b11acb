namespace BackCareBot.Web.Tests.Fakes;

/// <summary>
/// A clock the test moves by hand (key-cache ages, check-in due times); timers and delays stay real, so HTTP
/// retries and timeouts behave as in production (token lifetimes use the real clock).
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void SetUtcNow(DateTimeOffset now) => _now = now;
}
