using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BackCareBot.Care.State;

namespace BackCareBot.Care.Programme;

/// <summary>
/// The index for scale-out on Azure Storage: a blob per planned check-in (the truth: due time, reference, a plan
/// version) and an Azure Queue Storage message per plan, hidden until the due time (visibility delay, at most the
/// queue's 7 days; an early message is hidden again). A sweep receives only visible messages, so it costs what is
/// due. Receiving hides a message for the lease; the claim itself is a conditional (If-Match) write of the blob, so
/// of two instances holding the same due check-in exactly one sends it. A message whose plan was moved or cancelled
/// is deleted when it surfaces.
/// </summary>
public sealed class QueueCheckInIndex(BlobContainerClient container, QueueClient queue, TimeProvider time) : ICheckInIndex
{
    private static readonly TimeSpan LongestHide = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private Task? _created;

    public async Task ScheduleAsync(CheckInEntry entry, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var record = new CheckInRecord { Entry = entry, Version = Guid.NewGuid().ToString("N"), Due = entry.Due };
        await Blob(entry.StateKey).UploadAsync(BinaryData.FromBytes(Serialize(record)), overwrite: true, cancellationToken).ConfigureAwait(false);
        await SendAsync(entry.StateKey, record, cancellationToken).ConfigureAwait(false);
    }

    public async Task CancelAsync(string stateKey, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Blob(stateKey).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CheckInClaim>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        List<CheckInClaim> claims = [];
        while (claims.Count < max)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(Math.Min(32, max - claims.Count), lease, cancellationToken).ConfigureAwait(false);
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                if (await ClaimAsync(message, now, lease, cancellationToken).ConfigureAwait(false) is { } claim)
                {
                    claims.Add(claim);
                }
            }
        }

        return claims;
    }

    public async Task CompleteAsync(CheckInClaim claim, CancellationToken cancellationToken)
    {
        var held = Held.Parse(claim.Token);
        await DeleteMessageAsync(held, cancellationToken).ConfigureAwait(false);
        try
        {
            await Blob(claim.Entry.StateKey).DeleteAsync(conditions: new BlobRequestConditions { IfMatch = new ETag(held.ETag) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Planned again (or cancelled) during the turn: that plan has its own message.
        }
    }

    public async Task RetryAsync(CheckInClaim claim, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var held = Held.Parse(claim.Token);
        await DeleteMessageAsync(held, cancellationToken).ConfigureAwait(false);
        var blob = Blob(claim.Entry.StateKey);
        var record = new CheckInRecord { Entry = claim.Entry, Version = Guid.NewGuid().ToString("N"), Due = at };
        var expected = new ETag(held.ETag);
        try
        {
            try
            {
                await UploadAsync(blob, record, expected, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // The turn planned the next check-in before its send failed: bring that plan forward.
                var current = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
                var planned = JsonSerializer.Deserialize(current.Content.ToMemory().Span, CheckInQueueJsonContext.Default.CheckInRecord);
                if (planned is null || planned.Due <= at)
                {
                    return;
                }

                record = new CheckInRecord { Entry = planned.Entry, Version = Guid.NewGuid().ToString("N"), Due = at };
                await UploadAsync(blob, record, current.Details.ETag, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Cancelled, or planned again meanwhile: that plan has its own message.
            return;
        }

        await SendAsync(claim.Entry.StateKey, record, cancellationToken).ConfigureAwait(false);
    }

    private static Task<Response<BlobContentInfo>> UploadAsync(BlobClient blob, CheckInRecord record, ETag ifMatch, CancellationToken cancellationToken) =>
        blob.UploadAsync(BinaryData.FromBytes(Serialize(record)), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = ifMatch } }, cancellationToken);

    private async Task<CheckInClaim?> ClaimAsync(QueueMessage message, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var pointer = JsonSerializer.Deserialize(message.Body.ToMemory().Span, CheckInQueueJsonContext.Default.CheckInPointer);
        var blob = pointer is null ? null : Blob(pointer.Key);
        BlobDownloadResult? stored = null;
        try
        {
            stored = blob is null ? null : (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        var record = stored is null ? null : JsonSerializer.Deserialize(stored.Content.ToMemory().Span, CheckInQueueJsonContext.Default.CheckInRecord);
        if (record is null || record.Version != pointer!.Version)
        {
            // Cancelled, or planned again (that plan sent its own message).
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (record.Due > now || record.HeldUntil > now)
        {
            var wait = (record.HeldUntil > record.Due ? record.HeldUntil!.Value : record.Due) - now;
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: Clamp(wait), cancellationToken: cancellationToken).ConfigureAwait(false);
            return null;
        }

        record.HeldUntil = now + lease;
        try
        {
            var written = await UploadAsync(blob!, record, stored!.Details.ETag, cancellationToken).ConfigureAwait(false);
            return new CheckInClaim(record.Entry, new Held(message.MessageId, message.PopReceipt, written.Value.ETag.ToString()).ToString(), now + lease);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another instance claimed it first (or the turn moved it): this copy of the message is not ours.
            return null;
        }
    }

    private async Task DeleteMessageAsync(Held held, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(held.MessageId, held.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The lease ran out and the message was received again; that receiver finds the blob claimed or gone.
        }
    }

    private Task<Response<SendReceipt>> SendAsync(string key, CheckInRecord record, CancellationToken cancellationToken) =>
        queue.SendMessageAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(new CheckInPointer { Key = key, Version = record.Version }, CheckInQueueJsonContext.Default.CheckInPointer)),
            Clamp(record.Due - time.GetUtcNow()),
            TimeSpan.FromSeconds(-1),
            cancellationToken);

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestHide ? LongestHide : wait;

    private static byte[] Serialize(CheckInRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, CheckInQueueJsonContext.Default.CheckInRecord);

    private BlobClient Blob(string key) => container.GetBlobClient(Uri.EscapeDataString(key));

    // Creating twice at once is harmless (if not exists); a failed creation is tried again by the next call.
    private Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _created is { IsCompletedSuccessfully: true } done ? done : _created = CreateAsync(cancellationToken);

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a claim holds: the received message (to delete it) and the blob's ETag after the claim write.</summary>
    private sealed record Held(string MessageId, string PopReceipt, string ETag)
    {
        public static Held Parse(string token)
        {
            var parts = token.Split('\n');
            return new Held(parts[0], parts[1], parts[2]);
        }

        public override string ToString() => $"{MessageId}\n{PopReceipt}\n{ETag}";
    }
}

internal sealed class CheckInRecord
{
    public CheckInEntry Entry { get; set; } = new();

    public string Version { get; set; } = "";

    public DateTimeOffset Due { get; set; }

    public DateTimeOffset? HeldUntil { get; set; }
}

internal sealed class CheckInPointer
{
    public string Key { get; set; } = "";

    public string Version { get; set; } = "";
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckInRecord))]
[JsonSerializable(typeof(CheckInPointer))]
internal sealed partial class CheckInQueueJsonContext : JsonSerializerContext;
