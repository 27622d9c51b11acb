using System.Text.Json.Nodes;
using BackCareBot.Care.Conversation;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Deployment.Tests;

/// <summary>The committed Teams manifest and icons, checked with the reference's validator and icon rules.</summary>
public sealed class TeamsManifestTests : IDisposable
{
    private readonly TemplateFolder _copy = new("teams");

    public void Dispose() => _copy.Dispose();

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(Repo.File("deploymentTemplates", "teams", "manifest.json")))!.AsObject();

    internal static Task<(int ExitCode, string Output)> ValidateAsync(string manifestFile) =>
        NodeCheck.RunAsync(Repo.ReferenceFile("checks", "validate-manifest.js"), Repo.ReferenceFile("teams", "MicrosoftTeams.v1.23.schema.json"), manifestFile);

    internal static Task<(int ExitCode, string Output)> ValidateLocalizationAsync(string localizationFile) =>
        NodeCheck.RunAsync(Repo.File("tests", "BackCareBot.Deployment.Tests", "validate-localization.js"), Repo.ReferenceFile("teams", "MicrosoftTeams.Localization.v1.23.schema.json"), localizationFile);

    private static JsonObject Chinese() => JsonNode.Parse(File.ReadAllText(Repo.File("deploymentTemplates", "teams", "zh-cn.json")))!.AsObject();

    internal static Task<(int ExitCode, string Output)> CheckIconsAsync(string colorFile, string outlineFile) =>
        NodeCheck.RunAsync(Repo.ReferenceFile("checks", "check-icons.js"), colorFile, outlineFile);

    [Fact]
    public async Task The_manifest_validates_against_the_v1_23_schema()
    {
        var (exitCode, output) = await ValidateAsync(Repo.File("deploymentTemplates", "teams", "manifest.json"));

        Assert.True(exitCode == 0, output);
        Assert.Equal("1.23", Manifest()["manifestVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_validator_rejects_a_broken_manifest()
    {
        var manifest = Manifest();
        manifest["id"] = "%APP_ID%";
        manifest["bots"]![0]!["scopes"] = new JsonArray("personal", "channel");
        File.WriteAllText(_copy.File("manifest.json"), manifest.ToJsonString());

        var (exitCode, output) = await ValidateAsync(_copy.File("manifest.json"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("/id", output, StringComparison.Ordinal);
        Assert.Contains("/bots/0/scopes/1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_icons_have_the_sizes_and_outline_colours_teams_needs()
    {
        var icons = Manifest()["icons"]!;

        var (exitCode, output) = await CheckIconsAsync(
            Repo.File("deploymentTemplates", "teams", icons["color"]!.GetValue<string>()), Repo.File("deploymentTemplates", "teams", icons["outline"]!.GetValue<string>()));

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task The_icon_check_rejects_icons_of_the_wrong_size_and_colour()
    {
        var (exitCode, output) = await CheckIconsAsync(_copy.File("outline.png"), _copy.File("color.png"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("expected 192x192", output, StringComparison.Ordinal);
        Assert.Contains("neither transparent nor white", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committed_icons_are_what_the_drawing_script_draws()
    {
        File.Delete(_copy.File("color.png"));
        File.Delete(_copy.File("outline.png"));

        var (exitCode, output) = await NodeCheck.RunAsync(_copy.File("draw-icons.js"), _copy.Path);

        Assert.True(exitCode == 0, output);
        Assert.Equal(File.ReadAllBytes(Repo.File("deploymentTemplates", "teams", "color.png")), File.ReadAllBytes(_copy.File("color.png")));
        Assert.Equal(File.ReadAllBytes(Repo.File("deploymentTemplates", "teams", "outline.png")), File.ReadAllBytes(_copy.File("outline.png")));
    }

    [Fact]
    public void The_bot_is_in_personal_and_team_scope_with_its_commands_in_personal_chat_and_help_in_teams()
    {
        var bot = Assert.Single(Manifest()["bots"]!.AsArray())!;
        var lists = bot["commandLists"]!.AsArray().ToDictionary(l => string.Join(",", l!["scopes"]!.AsArray().Select(s => s!.GetValue<string>())), l => Titles(l!));

        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["help", "start over", "quiz", "what do you know about me", "forget me", "export my data"], lists["personal"]);
        // In a team everyone would see the answers: the bot runs the check only in a personal chat and says so.
        Assert.Equal(["help"], lists["team"]);
    }

    [Fact]
    public void Every_command_in_the_manifest_is_one_the_bot_understands()
    {
        var titles = Manifest()["bots"]![0]!["commandLists"]!.AsArray().SelectMany(l => Titles(l!)).Distinct();

        var understood = titles.Select(t => (t, Commands.Match(t))).ToList();

        Assert.Equal(
            [("help", Command.Help), ("start over", Command.StartOver), ("quiz", Command.Quiz), ("what do you know about me", Command.WhatDoYouKnow), ("forget me", Command.ForgetMe), ("export my data", Command.ExportData)],
            understood);
    }

    [Fact]
    public async Task The_manifest_names_its_chinese_strings_which_validate_against_the_localization_schema()
    {
        var localization = Manifest()["localizationInfo"]!;
        var language = Assert.Single(localization["additionalLanguages"]!.AsArray())!;

        var (exitCode, output) = await ValidateLocalizationAsync(Repo.File("deploymentTemplates", "teams", language["file"]!.GetValue<string>()));

        Assert.True(exitCode == 0, output);
        Assert.Equal("en", localization["defaultLanguageTag"]!.GetValue<string>());
        Assert.Equal("zh-cn", language["languageTag"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_localization_validator_rejects_a_broken_translation()
    {
        var chinese = Chinese();
        chinese["name.short"] = new string('腰', 31);
        chinese["bots[0].commandList[0].commands[0].title"] = "帮助";
        File.WriteAllText(_copy.File("zh-cn.json"), chinese.ToJsonString());

        var (exitCode, output) = await ValidateLocalizationAsync(_copy.File("zh-cn.json"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("/name.short", output, StringComparison.Ordinal);
        Assert.Contains("commandList[0]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chinese_strings_translate_the_app_name_descriptions_and_every_command_and_nothing_else()
    {
        var manifest = Manifest();
        var commands = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany((list, i) => list!["commands"]!.AsArray().SelectMany((_, j) => new[] { $"bots[0].commandLists[{i}].commands[{j}].title", $"bots[0].commandLists[{i}].commands[{j}].description" }));
        string[] expected = ["name.short", "name.full", "description.short", "description.full", .. commands];

        var translated = Chinese().Select(p => p.Key).Where(k => k != "$schema").ToList();

        Assert.Equal(expected.Order(), translated.Order());
        Assert.All(Chinese().Where(p => p.Key != "$schema"), p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.Value!.GetValue<string>()));
    }

    [Fact]
    public void Every_chinese_command_title_is_the_same_command_to_the_bot_as_the_english_one()
    {
        var chinese = Chinese();
        var lists = Manifest()["bots"]![0]!["commandLists"]!.AsArray();

        for (var i = 0; i < lists.Count; i++)
        {
            var titles = Titles(lists[i]!);
            for (var j = 0; j < titles.Count; j++)
            {
                var translated = chinese[$"bots[0].commandLists[{i}].commands[{j}].title"]!.GetValue<string>();
                Assert.True(Commands.Match(translated) == Commands.Match(titles[j]), $"'{translated}' is not the command '{titles[j]}'");
            }
        }
    }

    private static List<string> Titles(JsonNode list) => [.. list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())];
}
