using System.Text.RegularExpressions;

namespace BackCareBot.TeamsPackage;

/// <summary>What the package fills in: the bot's app id and domain, and optionally the Teams app id and version.</summary>
public sealed partial record PackageSettings(string BotAppId, string BotDomain, string TeamsAppId, string? Version, string Output)
{
    public const string Usage =
        "Usage: dotnet run --project deploymentTemplates/teams/BackCareBot.TeamsPackage -- --bot-app-id <guid> --bot-domain <host> " +
        "[--teams-app-id <guid>] [--version <x.y.z>] [--output <file.zip>]";

    public const string DefaultOutput = "artifacts/backcarebot-teams.zip";

    /// <summary>Reads the command line; a missing or malformed value throws with a message that names the option.</summary>
    public static PackageSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var option = args[i];
            if (option is not ("--bot-app-id" or "--bot-domain" or "--teams-app-id" or "--version" or "--output"))
            {
                throw new PackageSettingsException($"Unknown option '{option}'.");
            }

            if (i + 1 >= args.Count)
            {
                throw new PackageSettingsException($"{option} needs a value.");
            }

            values[option] = args[i + 1].Trim();
        }

        var botAppId = AppId(values, "--bot-app-id", "the botAppId output of the Azure deployment")
            ?? throw new PackageSettingsException("--bot-app-id is required (the botAppId output of the Azure deployment).");
        var domain = values.GetValueOrDefault("--bot-domain")
            ?? throw new PackageSettingsException("--bot-domain is required (the webAppHostName output of the Azure deployment).");
        if (Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal))
        {
            throw new PackageSettingsException($"--bot-domain '{domain}' is not a host name: give the bot's host only, such as backcarebot-abc.azurewebsites.net, without https:// or a path.");
        }

        var version = values.GetValueOrDefault("--version");
        if (version is not null && !SemVer().IsMatch(version))
        {
            throw new PackageSettingsException($"--version '{version}' is not a version such as 1.0.1 (raise it whenever the package changes).");
        }

        var teamsAppId = AppId(values, "--teams-app-id", "a GUID that stays the same across updates") ?? botAppId;
        return new PackageSettings(botAppId, domain.ToLowerInvariant(), teamsAppId, version, values.GetValueOrDefault("--output") ?? DefaultOutput);
    }

    private static string? AppId(Dictionary<string, string> values, string option, string where)
    {
        if (!values.TryGetValue(option, out var value))
        {
            return null;
        }

        return Guid.TryParseExact(value, "D", out var id)
            ? id.ToString("D")
            : throw new PackageSettingsException($"{option} '{value}' is not an app id: expected a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427 ({where}).");
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex SemVer();
}

/// <summary>A command-line value the package cannot be built with; the message says which option and why.</summary>
public sealed class PackageSettingsException(string message) : Exception(message);
