using System.Text.Json.Nodes;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Auth;
using BackCareBot.Tests.Shared;
using Microsoft.Extensions.Configuration;

namespace BackCareBot.Deployment.Tests;

/// <summary>
/// What the ARM JSON deploys (the build tests tie it to the Bicep): the resources of the issue, and app settings whose
/// names are the ones the bot reads and whose values pass the bot's own start-up check.
/// </summary>
public sealed class AzureTemplateContentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string SampleId = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

    // Read by App Service, the Application Insights agent, Azure.Identity, ASP.NET Core or the .NET runtime, not by the bot's options.
    private static readonly string[] PlatformSettings =
        ["AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "ApplicationInsightsAgent_EXTENSION_VERSION", "Urls", "WEBSITES_PORT",
         "DOTNET_EnableWriteXorExecute", "DOTNET_GCgen0size"];

    private static readonly JsonObject Template = JsonNode.Parse(File.ReadAllText(Repo.File("deploymentTemplates", "azure", "main.json")))!.AsObject();

    private static List<JsonObject> Resources(string type) => Descendants(Template).Where(o => o["type"]?.GetValue<string>() == type).ToList();

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Descendants(p.Value)).Prepend(obj),
        JsonArray array => array.SelectMany(Descendants),
        _ => [],
    };

    private static JsonObject Site => Assert.Single(Resources("Microsoft.Web/sites"));

    private static Dictionary<string, string> AppSettings() =>
        Site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());

    [Fact]
    public void The_web_app_runs_dotnet_10_on_linux_with_the_health_check_on_readyz()
    {
        var config = Site["properties"]!["siteConfig"]!;

        Assert.Equal("DOTNETCORE|10.0", config["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("/readyz", config["healthCheckPath"]!.GetValue<string>());
        Assert.True(config["alwaysOn"]!.GetValue<bool>());
        Assert.True(Site["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.True(Assert.Single(Resources("Microsoft.Web/serverfarms"))["properties"]!["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void Every_app_setting_is_one_the_bot_or_the_platform_reads()
    {
        var botSettings = typeof(BotAuthenticationOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var storage = Configuration(AppSettings().Where(s => s.Key.StartsWith("Storage__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value.StartsWith('[') ? "https://example.invalid/" : s.Value)).GetSection("Storage");

        var care = Configuration(AppSettings().Where(s => s.Key.StartsWith("Care__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value.StartsWith('[') ? "https://example.invalid/" : s.Value)).GetSection("Care");

        var unknown = AppSettings().Keys.Where(k => !k.StartsWith("Storage__", StringComparison.Ordinal) && !k.StartsWith("Care__", StringComparison.Ordinal) && !botSettings.Contains(k) && !PlatformSettings.Contains(k));

        Assert.Empty(unknown);
        var error = Record.Exception(() => storage.Get<StateStorageOptions>(o => o.ErrorOnUnknownConfiguration = true));
        Assert.Null(error);
        Assert.Null(Record.Exception(() => care.Get<BackCareBot.Care.CareOptions>(o => o.ErrorOnUnknownConfiguration = true)));
        Assert.Contains("'https://", AppSettings()["Care__PublicUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public void State_goes_to_blob_storage_by_managed_identity()
    {
        var settings = AppSettings();
        var storage = Configuration(new Dictionary<string, string>
        {
            ["Storage__Kind"] = settings["Storage__Kind"],
            ["Storage__Blob__ServiceUri"] = "https://bcbstate.blob.core.windows.net/",
            ["Storage__Blob__Container"] = "botstate",
        }).GetSection("Storage").Get<StateStorageOptions>()!;

        Assert.Equal(StateStorageKind.Blob, storage.Kind);
        Assert.Contains("Storage__Blob__ServiceUri", settings.Keys);
        Assert.Contains("Storage__Blob__Container", settings.Keys);
        Assert.DoesNotContain(settings.Keys, k => k.Contains("ConnectionString", StringComparison.Ordinal) && k.StartsWith("Storage", StringComparison.Ordinal));
        Assert.Contains("AZURE_CLIENT_ID", settings.Keys);
        var account = Assert.Single(Resources("Microsoft.Storage/storageAccounts"));
        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Single(Resources("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void The_identity_is_storage_blob_data_owner_on_the_account_for_the_blob_index_tags()
    {
        var assignment = Assert.Single(Resources("Microsoft.Authorization/roleAssignments"));
        var storageModule = Descendants(Template).Single(o => o["variables"]?["storageBlobDataOwner"] is not null);

        Assert.Equal(StorageBlobDataOwner, storageModule["variables"]!["storageBlobDataOwner"]!.GetValue<string>());
        Assert.Contains("variables('storageBlobDataOwner')", assignment["properties"]!["roleDefinitionId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Storage/storageAccounts", assignment["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", assignment["properties"]!["principalType"]!.GetValue<string>());
    }

    [Fact]
    public void No_secret_is_a_plain_app_setting()
    {
        var settings = AppSettings();

        Assert.StartsWith("[if(equals(parameters('appType'), 'SingleTenant'), format('@Microsoft.KeyVault(SecretUri={0})'", settings["MicrosoftAppPassword"], StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Values, v => v.Contains("listKeys", StringComparison.OrdinalIgnoreCase) || v.Contains("AccountKey", StringComparison.Ordinal));
        Assert.DoesNotContain(Descendants(Template), o => o["type"]?.GetValue<string>() == "securestring" && o["defaultValue"] is not null);
    }

    [Theory]
    [InlineData("UserAssignedMSI", "")]
    [InlineData("SingleTenant", "the secret App Service reads from Key Vault")]
    public void Each_app_type_the_template_allows_passes_the_bots_start_up_check(string appType, string resolvedPassword)
    {
        var allowed = Template["parameters"]!["appType"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>());
        var settings = AppSettings().ToDictionary(s => s.Key, s => s.Value.StartsWith('[') ? "x" : s.Value);
        settings["MicrosoftAppType"] = appType;
        settings["MicrosoftAppId"] = SampleId;
        settings["MicrosoftAppTenantId"] = SampleId;
        settings["MicrosoftAppPassword"] = resolvedPassword;

        var options = Configuration(settings).Get<BotAuthenticationOptions>()!;

        Assert.Contains(appType, allowed);
        Assert.DoesNotContain(BotAuthenticationOptions.MultiTenant, allowed);
        Assert.True(new BotAuthenticationOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_bot_has_its_messaging_endpoint_and_the_teams_and_web_chat_channels()
    {
        var bot = Assert.Single(Resources("Microsoft.BotService/botServices"));
        var botModule = Resources("Microsoft.Resources/deployments").Single(d => d["name"]!.GetValue<string>() == "bot");
        var channels = Resources("Microsoft.BotService/botServices/channels").Select(c => c["properties"]!["channelName"]!.GetValue<string>());

        Assert.Equal("[parameters('endpoint')]", bot["properties"]!["endpoint"]!.GetValue<string>());
        Assert.StartsWith("[format('https://{0}/api/messages', reference(resourceId('Microsoft.Resources/deployments', 'webApp')", botModule["properties"]!["parameters"]!["endpoint"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["MsTeamsChannel", "WebChatChannel"], channels.Order());
        Assert.Equal("[parameters('appType')]", bot["properties"]!["msaAppType"]!.GetValue<string>());
    }

    [Fact]
    public void Application_insights_reports_to_a_log_analytics_workspace()
    {
        var insights = Assert.Single(Resources("Microsoft.Insights/components"));

        Assert.Single(Resources("Microsoft.OperationalInsights/workspaces"));
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights["properties"]!["WorkspaceResourceId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", AppSettings().Keys);
    }

    // App Service turns each app setting into an environment variable; .NET reads "__" in a name as ":".
    private static IConfiguration Configuration(Dictionary<string, string> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value))).Build();
}
