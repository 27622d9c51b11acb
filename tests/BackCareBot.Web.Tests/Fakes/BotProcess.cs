using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>
/// The bot as it is deployed: BackCareBot.Web.dll in its own process (`dotnet BackCareBot.Web.dll`, or a published
/// build named by BACKCAREBOT_PUBLISHED_BOT), Production settings from its appsettings.json, SQLite state in a given
/// folder, on a free loopback port. Its console output is kept, so tests can read the log lines exactly as an operator
/// would.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BotProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Every line the process wrote to stdout and stderr.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    /// <summary>Resident memory, from /proc (Linux).</summary>
    public long ResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
    }

    public static async Task<BotProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = FreePort();
        // BACKCAREBOT_PUBLISHED_BOT names a publish folder to run instead of the build beside the tests: a
        // ReadyToRun one (BackCareBot.Web.dll) or a Native AOT one (the BackCareBot.Web executable alone).
        var published = Environment.GetEnvironmentVariable("BACKCAREBOT_PUBLISHED_BOT");
        var folder = string.IsNullOrEmpty(published) ? AppContext.BaseDirectory : Path.GetFullPath(published);
        var dll = Path.Combine(folder, "BackCareBot.Web.dll");
        var start = new ProcessStartInfo(File.Exists(dll) ? "dotnet" : Path.Combine(folder, "BackCareBot.Web"))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (File.Exists(dll))
        {
            start.ArgumentList.Add(dll);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Storage__Kind"] = "Sqlite";
        start.Environment["Storage__DataFolder"] = dataFolder;
        // The runtime settings the deployment gives the bot (deploymentTemplates/azure/modules/webApp.bicep, as bench/run.sh
        // and ./run.sh start it): without DOTNET_GCgen0size the GC sizes its first generation from the L3 cache, so on a
        // host with a 260 MB L3 the heap grows to ~90 MB before its first collection (idle RSS 158 MB against 96 MB).
        // Hex digits without 0x: CoreCLR reads both forms, the Native AOT runtime ignores a value with the prefix.
        start.Environment["DOTNET_GCgen0size"] = "600000";
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        var process = Process.Start(start)!;
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) => bot.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => bot.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await bot.WaitUntilServingAsync();
        return bot;
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits, so every log line is written.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        // A bound for a loaded CI machine, not a speed expectation.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The bot exited at start-up:\n" + string.Join('\n', Output));
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The bot did not start serving:\n" + string.Join('\n', Output));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
