using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>axe-core (Deque.AxeCore.Playwright) on a page or part of it; violations printed by impact.</summary>
public static class Axe
{
    private static readonly string[] Impacts = ["critical", "serious", "moderate", "minor"];

    /// <summary>Runs axe (WCAG 2.x A and AA and best practices), prints the violations by impact and returns them.</summary>
    public static async Task<AxeResult> CheckAsync(IPage page, string where, Chromium chromium, ITestOutputHelper output, string? selector = null, params string[] onlyRules)
    {
        var options = new AxeRunOptions
        {
            RunOnly = onlyRules.Length > 0
                ? new RunOnlyOptions { Type = "rule", Values = [.. onlyRules] }
                : new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        };
        var result = selector is null ? await page.RunAxe(options) : await page.Locator(selector).RunAxe(options);
        var counts = Impacts.Select(impact => $"{impact} {result.Violations.Where(v => v.Impact == impact).Sum(v => v.Nodes.Length)}");
        var summary = $"axe at {where}: {result.Passes.Length} rules passed; violations (elements) by impact: {string.Join(", ", counts)}";
        output.WriteLine(summary);
        chromium.Report(summary);
        foreach (var violation in result.Violations.OrderBy(v => Array.IndexOf(Impacts, v.Impact)))
        {
            chromium.Report($"  {violation.Impact} {violation.Id}: {violation.Help} ({violation.Nodes.Length})");
            output.WriteLine($"  {violation.Impact} {violation.Id}: {violation.Help} ({violation.Nodes.Length}): {string.Join(" | ", violation.Nodes.Take(3).Select(n => $"{n.Html} {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))}");
        }

        return result;
    }

    /// <summary>The violations that block a person (impact serious or critical), each with where it is.</summary>
    public static List<string> Blocking(AxeResult result, string where) =>
        [.. result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{where}: {v.Impact} {v.Id} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
}
