using System.IO.Compression;
using System.Text.Json.Nodes;
using BackCareBot.TeamsPackage;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Deployment.Tests;

/// <summary>The packager writes a zip Teams accepts, and refuses values Teams would reject with a message that names the option.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string BotAppId = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    private const string BotDomain = "backcarebot-abc123.azurewebsites.net";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bcb-teams-" + Guid.NewGuid().ToString("N"));

    public TeamsPackageTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Source => Repo.File("deploymentTemplates", "teams");

    private string Zip => Path.Combine(_folder, "out", "backcarebot-teams.zip");

    private static (int ExitCode, string Output, string Error) Package(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = PackageCommand.Run(args, Source, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_package_has_a_valid_manifest_with_the_ids_and_domain_and_both_icons_at_its_root()
    {
        var (exitCode, _, error) = Package("--bot-app-id", BotAppId, "--bot-domain", BotDomain, "--output", Zip);
        Assert.True(exitCode == 0, error);

        var unpacked = Path.Combine(_folder, "unpacked");
        ZipFile.ExtractToDirectory(Zip, unpacked);
        using (var zip = ZipFile.OpenRead(Zip))
        {
            Assert.Equal(["color.png", "manifest.json", "outline.png", "zh-cn.json"], zip.Entries.Select(e => e.FullName).Order());
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(unpacked, "manifest.json")))!;
        var (valid, validation) = await TeamsManifestTests.ValidateAsync(Path.Combine(unpacked, "manifest.json"));
        var (iconsOk, icons) = await TeamsManifestTests.CheckIconsAsync(Path.Combine(unpacked, "color.png"), Path.Combine(unpacked, "outline.png"));
        var (chineseOk, chinese) = await TeamsManifestTests.ValidateLocalizationAsync(Path.Combine(unpacked, "zh-cn.json"));

        Assert.True(valid == 0, validation);
        Assert.True(iconsOk == 0, icons);
        Assert.True(chineseOk == 0, chinese);
        Assert.Equal(BotAppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(BotAppId, manifest["id"]!.GetValue<string>());
        Assert.Equal([BotDomain], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Source, "color.png")), File.ReadAllBytes(Path.Combine(unpacked, "color.png")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Source, "zh-cn.json")), File.ReadAllBytes(Path.Combine(unpacked, "zh-cn.json")));
    }

    [Fact]
    public void A_separate_teams_app_id_and_a_new_version_are_applied()
    {
        const string teamsAppId = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

        var manifest = TeamsAppPackage.Manifest(Source, PackageSettings.Parse(["--bot-app-id", BotAppId.ToUpperInvariant(), "--bot-domain", BotDomain, "--teams-app-id", teamsAppId, "--version", "1.0.1"]));

        Assert.Equal(teamsAppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(BotAppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.0.1", manifest["version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("--bot-app-id", "%MICROSOFT-APP-ID%", "is not an app id: expected a GUID")]
    [InlineData("--bot-app-id", "1b4e28ba2fa111d2883f0016d3cca427", "is not an app id: expected a GUID")]
    [InlineData("--bot-app-id", "1b4e28ba-2fa1-11d2-883f-0016d3cca42", "is not an app id: expected a GUID")]
    [InlineData("--teams-app-id", "BackCareBot", "is not an app id: expected a GUID")]
    [InlineData("--bot-domain", "https://backcarebot-abc123.azurewebsites.net", "is not a host name")]
    [InlineData("--bot-domain", "backcarebot-abc123.azurewebsites.net/api/messages", "is not a host name")]
    [InlineData("--bot-domain", "localhost", "is not a host name")]
    [InlineData("--version", "1.0", "is not a version")]
    public void A_malformed_value_is_refused_with_a_message_naming_the_option(string option, string value, string reason)
    {
        var args = new Dictionary<string, string> { ["--bot-app-id"] = BotAppId, ["--bot-domain"] = BotDomain, ["--output"] = Zip };
        args[option] = value;

        var (exitCode, _, error) = Package([.. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith($"Teams package not written: {option} '{value}' {reason}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
    }

    [Theory]
    [InlineData("--bot-domain", BotDomain)]
    [InlineData("--bot-app-id", BotAppId)]
    public void A_missing_required_option_is_named(string option, string value)
    {
        var (exitCode, _, error) = Package(option, value, "--output", Zip);

        var missing = option == "--bot-domain" ? "--bot-app-id" : "--bot-domain";
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{missing} is required", error, StringComparison.Ordinal);
    }
}
