using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace BackCareBot.Dialogs.State;

/// <summary>In-process store for tests and single-instance trials; same concurrency rules as the durable stores.</summary>
public sealed class MemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<string, StoredState> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private long _version;

    public Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(key, out var item) ? item : null);

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
        WriteAsync(key, data, expectedETag, pending: false, cancellationToken);

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken)
    {
        var next = new StoredState(data.ToArray(), Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var written = expectedETag is null
            ? _items.TryAdd(key, next)
            : _items.TryGetValue(key, out var current) && current.ETag == expectedETag && _items.TryUpdate(key, next, current);
        if (!written)
        {
            throw new StateConflictException(key);
        }

        if (pending)
        {
            _pending[key] = 0;
        }
        else
        {
            _pending.TryRemove(key, out _);
        }

        return Task.FromResult(next.ETag);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _items.TryRemove(key, out _);
        _pending.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var key in _items.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key;
            }
        }
    }

    public async IAsyncEnumerable<string> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var key in _pending.Keys)
        {
            yield return key;
        }
    }
}
