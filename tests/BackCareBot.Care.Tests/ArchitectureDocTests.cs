using System.Text.RegularExpressions;
using BackCareBot.Care.Actions;
using BackCareBot.Care.Routes;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests;

/// <summary>docs/architecture.md names what exists: its classes are in the code, its files in dialogs/, and every route and action is in it.</summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly string Doc = File.ReadAllText(Repo.File("docs", "architecture.md"));
    private static readonly Type[] CareTypes = typeof(CareBot).Assembly.GetTypes();

    [Fact]
    public void Every_handler_class_in_the_tables_exists()
    {
        foreach (var name in TableCells(column: 2).SelectMany(Names))
        {
            Assert.True(CareTypes.Any(t => t.Name == name), $"docs/architecture.md names '{name}', which is not a class in BackCareBot.Care");
        }
    }

    [Fact]
    public void Every_dialogs_file_in_the_screen_table_exists()
    {
        var files = TableCells(column: 1).SelectMany(Names).Where(n => n.EndsWith(".json", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.True(File.Exists(Repo.File("dialogs", file)), $"docs/architecture.md names dialogs/{file}, which does not exist");
        }
    }

    [Fact]
    public void Every_route_and_every_action_is_in_the_doc()
    {
        var handlers = TableCells(column: 2).SelectMany(Names).ToHashSet(StringComparer.Ordinal);
        var classes = CareTypes.Where(t => !t.IsInterface && !t.IsAbstract && (typeof(ICareRoute).IsAssignableFrom(t) || typeof(IFlowAction).IsAssignableFrom(t)));

        foreach (var type in classes)
        {
            Assert.True(handlers.Contains(type.Name), $"{type.Name} is missing from docs/architecture.md");
        }
    }

    /// <summary>The cells of one column in every table row of the doc (header and rule rows skipped).</summary>
    private static IEnumerable<string> TableCells(int column) =>
        Doc.Split('\n')
            .Where(line => line.StartsWith('|') && !line.StartsWith("| ---", StringComparison.Ordinal) && !line.StartsWith("| route", StringComparison.Ordinal) && !line.StartsWith("| screen", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries)[column + 1]);

    private static IEnumerable<string> Names(string cell) => Code().Matches(cell).Select(m => m.Groups[1].Value);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
