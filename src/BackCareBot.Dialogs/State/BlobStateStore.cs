using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BackCareBot.Dialogs.State;

/// <summary>
/// Azure Blob Storage for scale-out: one blob per key; the blob's ETag is the state ETag, and writes are
/// conditional (If-Match, or If-None-Match: * for a new key) so two instances never lose an update. A document
/// with undelivered replies carries the blob index tag <c>pending=1</c>, set by the same upload (an upload without
/// it leaves the blob untagged), and the account's tag index finds the marked blobs without listing the others.
/// </summary>
/// <remarks>Tags need the Storage Blob Data Owner role (tags read, write and filter) for a managed identity.</remarks>
public sealed class BlobStateStore(BlobContainerClient container) : IStateStore
{
    private const string PendingTag = "pending";
    private static readonly Dictionary<string, string> PendingTags = new() { [PendingTag] = "1" };
    private volatile bool _created;

    public async Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var result = await container.GetBlobClient(BlobName(key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new StoredState(result.Value.Content.ToArray(), result.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
        WriteAsync(key, data, expectedETag, pending: false, cancellationToken);

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var conditions = expectedETag is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedETag) };
        try
        {
            var response = await container.GetBlobClient(BlobName(key)).UploadAsync(
                BinaryData.FromBytes(data),
                new BlobUploadOptions
                {
                    Conditions = conditions,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Tags = pending ? PendingTags : null,
                },
                cancellationToken).ConfigureAwait(false);
            return response.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new StateConflictException(key);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await container.GetBlobClient(BlobName(key)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, BlobName(prefix), cancellationToken).ConfigureAwait(false))
        {
            yield return Uri.UnescapeDataString(blob.Name);
        }
    }

    public async IAsyncEnumerable<string> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var blob in container.FindBlobsByTagsAsync($"\"{PendingTag}\" = '1'", cancellationToken).ConfigureAwait(false))
        {
            yield return Uri.UnescapeDataString(blob.BlobName);
        }
    }

    // Keys hold ':' and '/' from channel ids; escape them so each key is one flat blob name.
    private static string BlobName(string key) => Uri.EscapeDataString(key);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }
}
