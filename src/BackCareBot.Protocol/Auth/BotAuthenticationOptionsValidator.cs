using Microsoft.Extensions.Options;

namespace BackCareBot.Protocol.Auth;

/// <summary>Stops start-up on missing or contradictory settings, with one line that names the setting to fix.</summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var problem = FindProblem(options);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private static string? FindProblem(BotAuthenticationOptions o)
    {
        var type = o.MicrosoftAppType?.Trim();
        var hasId = !string.IsNullOrWhiteSpace(o.MicrosoftAppId);
        var hasPassword = !string.IsNullOrWhiteSpace(o.MicrosoftAppPassword);
        var hasTenant = !string.IsNullOrWhiteSpace(o.MicrosoftAppTenantId);

        if (!string.IsNullOrEmpty(type) && !o.Is(BotAuthenticationOptions.SingleTenant) && !o.Is(BotAuthenticationOptions.MultiTenant) && !o.Is(BotAuthenticationOptions.UserAssignedMsi))
        {
            return $"MicrosoftAppType '{type}' is not one of SingleTenant, MultiTenant, UserAssignedMSI (or empty for local anonymous mode).";
        }

        if (string.IsNullOrEmpty(type))
        {
            return (hasId, hasPassword, hasTenant) switch
            {
                (true, _, _) => "MicrosoftAppType is required when MicrosoftAppId is set (SingleTenant, MultiTenant or UserAssignedMSI).",
                (_, true, _) => "MicrosoftAppPassword is set but MicrosoftAppId and MicrosoftAppType are empty.",
                (_, _, true) => "MicrosoftAppTenantId is set but MicrosoftAppId and MicrosoftAppType are empty.",
                _ => UrlProblem(o),
            };
        }

        if (!hasId)
        {
            return $"MicrosoftAppId is required when MicrosoftAppType is {type}.";
        }

        if (o.Is(BotAuthenticationOptions.UserAssignedMsi))
        {
            return hasPassword ? "MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI (a managed identity has no secret)." : UrlProblem(o);
        }

        if (!hasPassword)
        {
            return $"MicrosoftAppPassword is required when MicrosoftAppType is {type}.";
        }

        if (o.Is(BotAuthenticationOptions.SingleTenant) && !hasTenant)
        {
            return "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.";
        }

        return UrlProblem(o);
    }

    private static string? UrlProblem(BotAuthenticationOptions o) =>
        !IsAbsolute(o.BotOpenIdMetadataUrl) ? "BotOpenIdMetadataUrl must be an absolute http(s) URL."
        : !IsAbsolute(o.BotEmulatorOpenIdMetadataUrl) ? "BotEmulatorOpenIdMetadataUrl must be an absolute http(s) URL."
        : !Uri.TryCreate(o.BotTokenAuthorityHost, UriKind.Absolute, out var host) || host.Scheme != Uri.UriSchemeHttps ? "BotTokenAuthorityHost must be an absolute https URL."
        : null;

    private static bool IsAbsolute(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
