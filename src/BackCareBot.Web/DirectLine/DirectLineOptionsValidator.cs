using Microsoft.Extensions.Options;

namespace BackCareBot.Web.DirectLine;

/// <summary>Checks the "DirectLine" settings at start-up: every limit and time must be positive.</summary>
public sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        Positive(options.TokenLifetime, "TokenLifetime", failures);
        Positive(options.IdleExpiry, "IdleExpiry", failures);
        Positive(options.PostWindow, "PostWindow", failures);
        Positive(options.KeepAliveInterval, "KeepAliveInterval", failures);
        AtLeastOne(options.MaxConversations, "MaxConversations", failures);
        AtLeastOne(options.MaxActivitiesPerConversation, "MaxActivitiesPerConversation", failures);
        AtLeastOne(options.PostsPerWindow, "PostsPerWindow", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"DirectLine:{setting} must be a positive time span, such as 00:30:00.");
        }
    }

    private static void AtLeastOne(int value, string setting, List<string> failures)
    {
        if (value < 1)
        {
            failures.Add($"DirectLine:{setting} must be 1 or more.");
        }
    }
}
