using Microsoft.Extensions.Options;

namespace BackCareBot.Care;

/// <summary>Checks the "Care" settings at start-up; each failure names the setting and what it must be.</summary>
public sealed class CareOptionsValidator : IValidateOptions<CareOptions>
{
    public ValidateOptionsResult Validate(string? name, CareOptions options)
    {
        var failures = new List<string>();
        if (options.PublicUrl is { Length: > 0 } url && !CareOptions.IsHttpAddress(url))
        {
            failures.Add("Care:PublicUrl must be an absolute http or https address, such as https://backcarebot.azurewebsites.net.");
        }

        if (options.LinkLifetime < TimeSpan.FromMinutes(1) || options.LinkLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("Care:LinkLifetime must be from 00:01:00 to 1.00:00:00 (the private links' lifetime).");
        }

        if (options.ContentFolder is { Length: > 0 } folder && !Directory.Exists(Path.Combine(folder, "flows")))
        {
            failures.Add($"Care:ContentFolder must be a dialogs/ folder (with flows/ in it); '{folder}' is not.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
