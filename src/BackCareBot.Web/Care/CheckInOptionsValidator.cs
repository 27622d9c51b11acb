using BackCareBot.Care.Programme;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Care;

/// <summary>Checks the "CheckIn" settings with the other sections, before the host starts, so a bad value stops the bot with one line.</summary>
public sealed class CheckInOptionsValidator : IValidateOptions<CheckInOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckInOptions options) => CheckInOptions.IsValid(options)
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail("CheckIn: PollInterval, Lease, RetryDelay and Every must be positive; BatchSize 1-1000; Parallelism 1-64.");
}
