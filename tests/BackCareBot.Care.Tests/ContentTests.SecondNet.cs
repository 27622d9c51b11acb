using System.Text.Json.Nodes;
using BackCareBot.Care.Content;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests;

/// <summary>The checks of dialogs/second-net/*.json: its schema and its validator catch a broken model.</summary>
public sealed partial class ContentTests
{
    [Fact]
    public void A_second_net_class_that_is_no_flag_is_reported()
    {
        Edit("second-net/en.json", root => root["classes"]![1]!["id"] = "RF99");

        Assert.Contains(Problems(), p => p.StartsWith("second-net/en.json: class 'RF99' is no flag in redflags.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_net_weight_for_a_class_the_model_does_not_have_is_reported()
    {
        Edit("second-net/zh-CN.json", root => root["features"]!.AsObject().First().Value!.AsObject()["RF77"] = 1.5);

        Assert.Contains(Problems(), p => p.StartsWith("second-net/zh-CN.json: feature '", StringComparison.Ordinal) && p.EndsWith("class 'RF77' is not one of the model's classes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_net_without_its_none_class_is_reported()
    {
        Edit("second-net/en.json", root => root["classes"]!.AsArray().Remove(root["classes"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "none")));

        Assert.Contains("second-net/en.json: no class 'none'", Problems());
    }

    [Fact]
    public void A_missing_second_net_model_is_reported()
    {
        File.Delete(Path.Combine(_copy, "second-net", "zh-CN.json"));

        Assert.Contains("second-net/zh-CN.json: missing (run src/BackCareBot.Training)", Problems());
    }

    [Fact]
    public void A_second_net_model_named_for_another_language_is_reported()
    {
        Edit("second-net/en.json", root => root["locale"] = "zh-CN");

        Assert.Contains("second-net/en.json: locale 'zh-CN' is not the file's name", Problems());
    }

    [Fact]
    public async Task The_schema_check_rejects_a_second_net_weight_that_is_not_a_number()
    {
        Edit("second-net/en.json", root => root["features"]!.AsObject().First().Value!.AsObject().First().Value!.ReplaceWith(JsonValue.Create("NaN")));

        var (exitCode, output) = await NodeCheck.RunAsync(Repo.File("tools", "validate-content.js"), _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("second-net/en.json/features/", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_net_threshold_that_is_not_a_number_stops_the_load()
    {
        Edit("second-net/en.json", root => root["threshold"] = "high");

        Assert.Throws<ContentException>(() => CareContent.Load(_copy));
    }
}
