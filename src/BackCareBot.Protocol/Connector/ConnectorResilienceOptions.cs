namespace BackCareBot.Protocol.Connector;

/// <summary>How Connector calls are retried: bounded attempts with exponential back-off and jitter, within a total time.</summary>
public sealed class ConnectorResilienceOptions
{
    public int MaxRetryAttempts { get; set; } = 3;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
