using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BackCareBot.Deployment.Tests;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package the test project restores.</summary>
internal static partial class BicepCli
{
    private static readonly Lazy<string> Executable = new(FindExecutable);

    private static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 3 minutes");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The ARM JSON that <c>bicep build</c> writes for <paramref name="bicepFile"/>.</summary>
    public static async Task<JsonNode> BuildAsync(string bicepFile)
    {
        var (exitCode, template, messages) = await RunAsync("build", bicepFile, "--stdout");
        Assert.True(exitCode == 0, messages);
        return JsonNode.Parse(template)!;
    }

    /// <summary>Every warning and error <c>bicep lint</c> reports for the file and the templates it uses.</summary>
    public static async Task<IReadOnlyList<string>> LintAsync(string file)
    {
        var (exitCode, output, messages) = await RunAsync("lint", file);
        var diagnostics = (output + messages).Split('\n').Where(line => Diagnostic().IsMatch(line)).ToList();
        Assert.True(exitCode == 0 || diagnostics.Count > 0, output + messages);
        return diagnostics;
    }

    /// <summary>The template without the compiler's stamp (<c>metadata._generator</c>: Bicep version and a hash), at every level.</summary>
    public static JsonNode WithoutGeneratorStamp(JsonNode template)
    {
        var copy = template.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    (obj["metadata"] as JsonObject)?.Remove("_generator");
                    foreach (var (_, child) in obj)
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }

    private static string FindExecutable()
    {
        var package = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackageFolder").Value;
        var executable = Path.Combine(package!, "tools", "bicep");
        Assert.True(File.Exists(executable), $"bicep not found at {executable}; restore the test project");
        // NuGet does not keep file modes when it extracts a package, so the binary may arrive without its execute bit.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return executable;
    }

    [GeneratedRegex(@"\) : (Warning|Error) ")]
    private static partial Regex Diagnostic();
}
