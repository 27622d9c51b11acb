using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using BackCareBot.Dialogs.State;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Dialogs.Tests;

/// <summary>Azurite (npm) on a free loopback port, in memory, for the life of the test class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var azurite = Repo.File("tools", "node", "node_modules", ".bin", "azurite-blob");
        _process = Process.Start(new ProcessStartInfo(azurite, $"--blobHost 127.0.0.1 --blobPort {port} --inMemoryPersistence --skipApiVersionCheck --disableProductStyleUrl --silent")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{port}/{Account};";
        using var http = new HttpClient();
        // Node's start-up takes seconds on a loaded two-core machine; a minute is the bound, not the expectation.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                await http.GetAsync(new Uri($"http://127.0.0.1:{port}/{Account}?comp=list"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException(_process.HasExited
            ? $"Azurite exited with code {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}"
            : "Azurite did not answer within a minute.");
    }

    public Task DisposeAsync()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class BlobStateStoreTests(AzuriteFixture azurite) : StateStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IStateStore Store { get; } = new BlobStateStore(new BlobContainerClient(azurite.ConnectionString, "state" + Guid.NewGuid().ToString("N")[..8]));

    [Fact]
    public async Task Two_instances_on_one_container_never_lose_an_update()
    {
        var container = "shared" + Guid.NewGuid().ToString("N")[..8];
        var one = new BlobStateStore(new BlobContainerClient(azurite.ConnectionString, container));
        var two = new BlobStateStore(new BlobContainerClient(azurite.ConnectionString, container));
        var etag = await one.WriteAsync("conversation/x", "0"u8.ToArray(), null, default);

        await two.WriteAsync("conversation/x", "two"u8.ToArray(), etag, default);

        await Assert.ThrowsAsync<StateConflictException>(() => one.WriteAsync("conversation/x", "one"u8.ToArray(), etag, default));
        Assert.Equal("two"u8.ToArray(), (await one.ReadAsync("conversation/x", default))!.Data);
    }
}
