using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BackCareBot.Tests.Shared;

/// <summary>Azurite (npm) on free loopback ports, in memory: the blob service, and the queue service when asked for.</summary>
internal sealed class Azurite : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private Azurite(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync(bool withQueue = false)
    {
        var blobPort = FreePort();
        var queuePort = FreePort();
        var (tool, arguments) = withQueue
            ? ("azurite", $"--blobHost 127.0.0.1 --blobPort {blobPort} --queueHost 127.0.0.1 --queuePort {queuePort} --tableHost 127.0.0.1 --tablePort {FreePort()}")
            : ("azurite-blob", $"--blobHost 127.0.0.1 --blobPort {blobPort}");
        var process = Process.Start(new ProcessStartInfo(Repo.File("tools", "node", "node_modules", ".bin", tool), $"{arguments} --inMemoryPersistence --skipApiVersionCheck --disableProductStyleUrl --silent")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};"
            + (withQueue ? $"QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};" : "");
        var azurite = new Azurite(process, connectionString);
        using var http = new HttpClient();
        // Node's start-up takes seconds on a loaded two-core machine; a minute is the bound, not the expectation.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        foreach (var port in withQueue ? new[] { blobPort, queuePort } : [blobPort])
        {
            while (!await AnswersAsync(http, port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    await azurite.DisposeAsync();
                    throw new InvalidOperationException(process.HasExited
                        ? $"Azurite exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}"
                        : "Azurite did not answer within a minute.");
                }

                await Task.Delay(100);
            }
        }

        return azurite;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, int port)
    {
        try
        {
            await http.GetAsync(new Uri($"http://127.0.0.1:{port}/{Account}?comp=list"));
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
