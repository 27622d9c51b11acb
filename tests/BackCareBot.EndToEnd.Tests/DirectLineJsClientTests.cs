using System.Diagnostics;
using System.Text.Json;
using BackCareBot.Tests.Shared;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>The endpoint works with a client written elsewhere: Microsoft's botframework-directlinejs in Node.</summary>
public sealed class DirectLineJsClientTests
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task The_official_client_posts_a_message_and_receives_the_bots_reply(string transport)
    {
        await using var host = await BotHost.StartAsync();
        var (exitCode, output, errors) = await RunNodeAsync(host.Address.ToString(), transport, "start over");

        Assert.True(exitCode == 0, $"node exited {exitCode}: {errors}");
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.True(root.GetProperty("echoed").GetBoolean());
        Assert.StartsWith("dl_", root.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.Contains("I'm BackCareBot", root.GetProperty("reply").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_reports_failure_when_the_bot_is_not_there()
    {
        var (exitCode, _, errors) = await RunNodeAsync("http://127.0.0.1:9", "polling", "hello");

        Assert.NotEqual(0, exitCode);
        Assert.NotEmpty(errors);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunNodeAsync(params string[] arguments)
    {
        var folder = Repo.File("tests", "BackCareBot.EndToEnd.Tests", "node");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(Path.Combine(folder, "directline-client.js"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = string.Join(Path.PathSeparator, Repo.File("tools", "node", "node_modules"), Path.Combine(folder, "node_modules"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Trim(), await errors);
    }
}
