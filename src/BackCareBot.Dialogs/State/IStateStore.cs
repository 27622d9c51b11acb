namespace BackCareBot.Dialogs.State;

/// <summary>A stored document and the ETag to write it back with.</summary>
public sealed record StoredState(byte[] Data, string ETag);

/// <summary>
/// Key-value storage of serialized state with optimistic concurrency: a write names the ETag it read
/// (or null for "must not exist yet") and fails with <see cref="StateConflictException"/> if someone wrote in between.
/// </summary>
public interface IStateStore
{
    Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <returns>The new ETag.</returns>
    Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Keys that start with <paramref name="prefix"/> (used for scheduled check-ins and for "forget me").</summary>
    IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken);
}

public sealed class StateConflictException(string key)
    : Exception($"State '{key}' was changed by another turn.")
{
    public string Key { get; } = key;
}
