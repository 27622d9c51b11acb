using Azure.Storage.Blobs;
using BackCareBot.Dialogs.State;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Dialogs.Tests;

/// <summary>Azurite's blob service for the life of the test class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync() => _azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
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
