using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>Debian's Chromium driven by Playwright (no browser download), one instance per test class.</summary>
public sealed class Chromium(IMessageSink diagnostics) : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A line in the test run's own output, passed or failed (xunit.runner.json turns diagnostic messages on).</summary>
    public void Report(string line) => diagnostics.OnMessage(new DiagnosticMessage(line));

    /// <summary>Where screenshots go: TestResults beside the test project (git-ignored).</summary>
    public static string ArtifactPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
