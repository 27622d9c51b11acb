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

    /// <summary>
    /// A write that also marks the key as holding replies not yet delivered (<paramref name="pending"/> true) or
    /// clears the mark, in the same conditional write: the mark is part of the stored document (a column on SQLite,
    /// a blob index tag on Blob), so a crash cannot separate them. The plain write clears the mark.
    /// </summary>
    Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken);

    /// <summary>
    /// The keys marked pending, found through an index of the marked keys only (its cost is the number marked, not
    /// the number stored). Blob's tag index is updated shortly after a write, so a mark may show up a little late or
    /// linger a little after it was cleared: readers check the document itself.
    /// </summary>
    IAsyncEnumerable<string> ListPendingAsync(CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Keys that start with <paramref name="prefix"/> (used for scheduled check-ins and for "forget me").</summary>
    IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken);
}

public sealed class StateConflictException(string key)
    : Exception($"State '{key}' was changed by another turn.")
{
    public string Key { get; } = key;
}
