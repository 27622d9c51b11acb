using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>Missing, contradictory or out-of-range settings stop the host with one line naming the setting.</summary>
public sealed class SettingsValidationTests
{
    public static TheoryData<string, string, string, string, string> Contradictions => new()
    {
        // MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId, the setting the message names
        { "SingleTenant", "app-id", "secret", "", "MicrosoftAppTenantId" },
        { "SingleTenant", "app-id", "", "tenant", "MicrosoftAppPassword" },
        { "MultiTenant", "app-id", "", "", "MicrosoftAppPassword" },
        { "UserAssignedMSI", "", "", "", "MicrosoftAppId" },
        { "UserAssignedMSI", "app-id", "secret", "", "MicrosoftAppPassword" },
        { "SingleTenant", "", "secret", "tenant", "MicrosoftAppId" },
        { "", "app-id", "secret", "", "MicrosoftAppType" },
        { "", "", "secret", "", "MicrosoftAppPassword" },
        { "", "", "", "tenant", "MicrosoftAppTenantId" },
        { "SomethingElse", "app-id", "secret", "", "MicrosoftAppType" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public async Task Contradictory_settings_stop_the_host_naming_the_setting(string type, string id, string password, string tenant, string named)
    {
        await using var host = new BotHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = type,
            ["MicrosoftAppId"] = id,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        });

        Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var line = Assert.Single(host.Logs.Lines, l => l.Contains("BackCareBot cannot start", StringComparison.Ordinal));
        Assert.StartsWith("Critical", line, StringComparison.Ordinal);
        Assert.Contains($"BackCareBot cannot start: {named} ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line.Split(" | ")[0]);
    }

    [Theory]
    [InlineData("SingleTenant", "app-id", "secret", "tenant")]
    [InlineData("MultiTenant", "app-id", "secret", "")]
    [InlineData("UserAssignedMSI", "app-id", "", "")]
    public async Task Consistent_settings_start_the_host(string type, string id, string password, string tenant)
    {
        await using var host = new BotHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = type,
            ["MicrosoftAppId"] = id,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        });

        using var client = host.CreateClient();

        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("anonymous local mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_app_id_runs_anonymously_with_one_warning()
    {
        await using var host = new BotHost(BotHost.Anonymous());

        using var client = host.CreateClient();

        var warning = Assert.Single(host.Logs.Lines, l => l.Contains("anonymous local mode", StringComparison.Ordinal));
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://bot.example", true)]
    [InlineData("https://bot.example", false)]
    public async Task A_channel_bot_without_an_https_public_url_is_warned_that_teams_will_not_show_pictures(string? publicUrl, bool warned)
    {
        await using var host = new BotHost(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "UserAssignedMSI",
            ["MicrosoftAppId"] = "app-id",
            ["Care:PublicUrl"] = publicUrl,
        });

        using var client = host.CreateClient();

        // The warning is written by an ApplicationStarted callback, which may run just after the host reports started.
        bool Warned() => host.Logs.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Care:PublicUrl is not an https address", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(warned ? 10 : 1);
        while (!Warned() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(warned, Warned());
    }

    [Theory]
    [InlineData("bot.example.azurewebsites.net")]
    [InlineData("ftp://bot.example")]
    public async Task A_public_url_that_is_not_an_http_address_stops_the_host_naming_the_setting(string publicUrl)
    {
        await using var host = new BotHost(new Dictionary<string, string?> { ["MicrosoftAppType"] = "", ["MicrosoftAppId"] = "", ["Care:PublicUrl"] = publicUrl });

        Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var line = Assert.Single(host.Logs.Lines, l => l.Contains("BackCareBot cannot start", StringComparison.Ordinal));
        Assert.Contains("BackCareBot cannot start: Care:PublicUrl must be an absolute http or https address", line, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        // setting, value, a second setting it needs (or ""), what the line must say
        { "Care:ContentFolder", "/no/such/folder", "", "Care:ContentFolder must be a dialogs/ folder" },
        { "Storage:Kind", "Disk", "", "'Storage:Kind'" },
        { "Storage:Kind", "Blob", "", "Storage:Blob:ServiceUri or Storage:Blob:ConnectionString is required when Storage:Kind is Blob" },
        { "Storage:Blob:ServiceUri", "http://account.blob.core.windows.net", "Storage:Kind=Blob", "Storage:Blob:ServiceUri must be the account's https blob address" },
        { "Storage:Blob:Container", "Bot_State", "Storage:Kind=Blob;Storage:Blob:ConnectionString=UseDevelopmentStorage=true", "Storage:Blob:Container must be 3-63 lower-case letters" },
        { "Storage:DataFolder", " ", "Storage:Kind=Sqlite", "Storage:DataFolder must name a folder" },
        { "Storage:CheckpointPages", "0", "", "Storage:CheckpointPages must be a positive number of pages" },
        { "Storage:BackgroundCheckpointMs", "-1", "", "Storage:BackgroundCheckpointMs must be 0 (off) or a number of milliseconds" },
        { "DirectLine:TokenLifetime", "00:00:00", "", "DirectLine:TokenLifetime must be a positive time span" },
        { "DirectLine:MaxConversations", "0", "", "DirectLine:MaxConversations must be 1 or more" },
        { "DirectLine:PostsPerWindow", "-1", "", "DirectLine:PostsPerWindow must be 1 or more" },
        { "Connector:MaxRetryAttempts", "0", "", "Connector:MaxRetryAttempts must be from 1 to 10" },
        { "Connector:BaseDelay", "-00:00:01", "", "Connector:BaseDelay must be a time span from 00:00:00 to 1.00:00:00" },
        { "Connector:AttemptTimeout", "00:00:00", "", "Connector:AttemptTimeout must be a time span from 00:00:00.0100000 to 1.00:00:00" },
        { "Connector:TotalTimeout", "00:00:05", "", "Connector:AttemptTimeout must not be longer than Connector:TotalTimeout" },
        { "Connector:BaseDelay", "00:01:00", "", "Connector:BaseDelay must not be longer than Connector:MaxDelay" },
        { "Connector:MaxRetryAttempts", "many", "", "'Connector:MaxRetryAttempts'" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_host_with_one_line_naming_it(string setting, string value, string needs, string expected)
    {
        var settings = new Dictionary<string, string?> { ["MicrosoftAppType"] = "", ["MicrosoftAppId"] = "" };
        foreach (var pair in needs.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            settings[pair[..equals]] = pair[(equals + 1)..];
        }

        settings[setting] = value;
        await using var host = new BotHost(settings);

        Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var line = Assert.Single(host.Logs.Lines, l => l.Contains("BackCareBot cannot start", StringComparison.Ordinal));
        Assert.StartsWith("Critical", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
