using System.Diagnostics;
using System.Runtime.CompilerServices;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Web.Telemetry;

/// <summary>
/// Wraps the configured state store: a "store.{operation}" span and a latency measurement per call, tagged with the
/// store kind, the operation and its outcome (found, missing, written, conflict, deleted, listed, failed). Keys are
/// never recorded: they hold conversation ids.
/// </summary>
public sealed class InstrumentedStateStore(IStateStore inner, string kind) : IStateStore, IDisposable
{
    public IStateStore Inner => inner;

    public async Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        using var call = Start("read");
        var result = await inner.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        call.Outcome = result is null ? "missing" : "found";
        return result;
    }

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) =>
        WriteAsync(key, data, expectedETag, pending: false, cancellationToken);

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken)
    {
        using var call = Start("write");
        try
        {
            var etag = await inner.WriteAsync(key, data, expectedETag, pending, cancellationToken).ConfigureAwait(false);
            call.Outcome = "written";
            return etag;
        }
        catch (StateConflictException)
        {
            call.Outcome = "conflict";
            throw;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        using var call = Start("delete");
        await inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        call.Outcome = "deleted";
    }

    public async IAsyncEnumerable<string> ListKeysAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = Start("list");
        try
        {
            await foreach (var key in inner.ListKeysAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                yield return key;
            }

            call.Outcome = "listed";
        }
        finally
        {
            call.Dispose();
        }
    }

    public async IAsyncEnumerable<string> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = Start("list");
        try
        {
            await foreach (var key in inner.ListPendingAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return key;
            }

            call.Outcome = "listed";
        }
        finally
        {
            call.Dispose();
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private Call Start(string operation) => new(operation, kind);

    private sealed class Call(string operation, string kind) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly Activity? _span = BotTelemetry.Source.StartActivity("store." + operation, ActivityKind.Client)?
            .SetTag("bot.store.kind", kind).SetTag("bot.store.operation", operation);

        /// <summary>Set when the call succeeds; a call that throws stays "failed".</summary>
        public string Outcome { get; set; } = "failed";

        public void Dispose()
        {
            _span?.SetTag("bot.store.outcome", Outcome);
            if (Outcome is "failed")
            {
                _span?.SetStatus(ActivityStatusCode.Error);
            }

            _span?.Dispose();
            BotTelemetry.StoreDuration.Record(
                Stopwatch.GetElapsedTime(_started).TotalMilliseconds,
                new TagList { { "bot.store.kind", kind }, { "bot.store.operation", operation }, { "bot.store.outcome", Outcome } });
        }
    }
}
