using BackCareBot.Dialogs.State;

namespace BackCareBot.Bench.Host;

/// <summary>
/// Experiment (<c>--state-writes serialized</c>): lets one write at a time reach the store. With SQLite in WAL
/// mode two concurrent writers make one get SQLITE_BUSY, which Microsoft.Data.Sqlite retries after a blocking
/// 150 ms sleep; queuing writers on an async gate removes that wait. Measures the fix proposed for SqliteStateStore.
/// </summary>
public sealed class SerializedWrites(IStateStore inner) : IStateStore, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await inner.WriteAsync(key, data, expectedETag, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken) => inner.ListKeysAsync(prefix, cancellationToken);

    public void Dispose() => _writer.Dispose();
}
