using BackCareBot.Protocol.Connector;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Bot;

/// <summary>Checks the "Connector" retry settings at start-up, within the ranges the retry and timeout strategies accept.</summary>
public sealed class ConnectorResilienceOptionsValidator : IValidateOptions<ConnectorResilienceOptions>
{
    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestTime = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, ConnectorResilienceOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRetryAttempts is < 1 or > 10)
        {
            failures.Add("Connector:MaxRetryAttempts must be from 1 to 10.");
        }

        Within(options.BaseDelay, TimeSpan.Zero, "BaseDelay", failures);
        Within(options.MaxDelay, TimeSpan.Zero, "MaxDelay", failures);
        Within(options.AttemptTimeout, ShortestTimeout, "AttemptTimeout", failures);
        Within(options.TotalTimeout, ShortestTimeout, "TotalTimeout", failures);
        if (options.BaseDelay > options.MaxDelay)
        {
            failures.Add("Connector:BaseDelay must not be longer than Connector:MaxDelay.");
        }

        if (options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add("Connector:AttemptTimeout must not be longer than Connector:TotalTimeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Within(TimeSpan value, TimeSpan shortest, string setting, List<string> failures)
    {
        if (value < shortest || value > LongestTime)
        {
            failures.Add($"Connector:{setting} must be a time span from {shortest:c} to 1.00:00:00, such as 00:00:30.");
        }
    }
}
