using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Deployment.Tests;

/// <summary>The committed ARM JSON is exactly what the Bicep builds, and the Bicep lints clean, with the CLI from NuGet.</summary>
public sealed class AzureTemplateBuildTests : IDisposable
{
    private readonly TemplateFolder _copy = new("azure");

    public void Dispose() => _copy.Dispose();

    private static JsonNode Committed() => JsonNode.Parse(File.ReadAllText(Repo.File("deploymentTemplates", "azure", "main.json")))!;

    private static bool SameTemplate(JsonNode built, JsonNode committed) =>
        JsonNode.DeepEquals(BicepCli.WithoutGeneratorStamp(built), BicepCli.WithoutGeneratorStamp(committed));

    [Fact]
    public async Task The_committed_main_json_is_a_fresh_build_of_main_bicep()
    {
        var built = await BicepCli.BuildAsync(Repo.File("deploymentTemplates", "azure", "main.bicep"));

        Assert.True(SameTemplate(built, Committed()), "deploymentTemplates/azure/main.json is stale: run bicep build main.bicep --outfile main.json there");
    }

    [Fact]
    public async Task A_changed_module_no_longer_matches_the_committed_main_json()
    {
        _copy.Edit(Path.Combine("modules", "monitoring.bicep"), "retentionInDays: 30", "retentionInDays: 31");

        var built = await BicepCli.BuildAsync(_copy.File("main.bicep"));

        Assert.False(SameTemplate(built, Committed()));
    }

    [Fact]
    public void The_drift_check_ignores_the_compiler_stamp_and_nothing_else()
    {
        var restamped = Committed();
        restamped["metadata"]!["_generator"]!["version"] = "0.0.1.1";
        restamped["resources"]![1]!["properties"]!["template"]!["metadata"]!["_generator"]!["templateHash"] = "1";
        var redescribed = Committed();
        redescribed["outputs"]!["botAppId"]!["metadata"]!["description"] = "changed";

        Assert.True(SameTemplate(restamped, Committed()));
        Assert.False(SameTemplate(redescribed, Committed()));
    }

    [Fact]
    public async Task Lint_reports_nothing_for_the_parameters_the_template_and_its_modules()
    {
        var diagnostics = await BicepCli.LintAsync(Repo.File("deploymentTemplates", "azure", "main.bicepparam"));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Lint_catches_a_warning_in_a_module()
    {
        File.AppendAllText(_copy.File("modules", "bot.bicep"), "\nparam notUsed string = 'x'\n");

        var diagnostics = await BicepCli.LintAsync(_copy.File("main.bicepparam"));

        Assert.Contains(diagnostics, d => d.Contains("Warning no-unused-params", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_parameters_cannot_ask_for_a_new_multi_tenant_bot()
    {
        _copy.Edit("main.bicepparam", "param appType = 'UserAssignedMSI'", "param appType = 'MultiTenant'");

        var diagnostics = await BicepCli.LintAsync(_copy.File("main.bicepparam"));

        Assert.Contains(diagnostics, d => d.Contains("Error", StringComparison.Ordinal) && d.Contains("MultiTenant", StringComparison.Ordinal));
    }
}
