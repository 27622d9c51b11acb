using BackCareBot.Dialogs.State;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Care;

/// <summary>Checks the "Storage" settings at start-up, so a missing Blob address stops the bot before its first turn.</summary>
public sealed partial class StateStorageOptionsValidator : IValidateOptions<StateStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StateStorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Kind))
        {
            failures.Add("Storage:Kind must be Sqlite, Memory or Blob.");
        }

        if (options.Kind == StateStorageKind.Sqlite && string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add("Storage:DataFolder must name a folder when Storage:Kind is Sqlite.");
        }

        if (options.CheckpointPages < 1)
        {
            failures.Add("Storage:CheckpointPages must be a positive number of pages.");
        }

        if (options.BackgroundCheckpointMs < 0)
        {
            failures.Add("Storage:BackgroundCheckpointMs must be 0 (off) or a number of milliseconds.");
        }

        if (options.Kind == StateStorageKind.Blob)
        {
            var blob = options.Blob;
            if (string.IsNullOrWhiteSpace(blob.ConnectionString) && blob.ServiceUri is null)
            {
                failures.Add("Storage:Blob:ServiceUri or Storage:Blob:ConnectionString is required when Storage:Kind is Blob.");
            }
            else if (string.IsNullOrWhiteSpace(blob.ConnectionString) && blob.ServiceUri is { } uri && !(uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps))
            {
                failures.Add("Storage:Blob:ServiceUri must be the account's https blob address, such as https://<account>.blob.core.windows.net.");
            }

            if (!ContainerName().IsMatch(blob.Container))
            {
                failures.Add("Storage:Blob:Container must be 3-63 lower-case letters, digits and single hyphens, starting with a letter or digit.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Azure's container naming rule.
    [System.Text.RegularExpressions.GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex ContainerName();
}
