using System.Net;
using Microsoft.Extensions.Options;

namespace BackCareBot.Protocol.Connector;

/// <summary>
/// The Connector client's retries, as <see cref="ConnectorResilienceOptions"/> set them: a total time for the call,
/// a time per attempt, and up to <see cref="ConnectorResilienceOptions.MaxRetryAttempts"/> more attempts with
/// exponential back-off and jitter, or after the Retry-After the Connector names. A retry must not show a message
/// twice: a POST (a new message) is sent again only when the Connector cannot have processed it (429, 503 and 412
/// answers, or no connection was made); PUT, DELETE and GET, which give the same result when repeated, also after
/// 502, 504, a lost connection and a timed-out attempt.
/// </summary>
/// <remarks>
/// A loop of its own rather than a resilience library's pipeline: the handler is built once for the client's
/// lifetime and costs one linked cancellation source per attempt, where a general pipeline paid a context, its
/// strategies' state machines and their telemetry events on every reply.
/// </remarks>
public sealed class ConnectorRetryHandler(IOptions<ConnectorResilienceOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(settings.TotalTimeout);
        var repeatable = IsRepeatable(request.Method);
        for (var attempt = 0; ; attempt++)
        {
            var (response, failure) = await AttemptAsync(request, settings.AttemptTimeout, total.Token, cancellationToken).ConfigureAwait(false);
            if (attempt >= settings.MaxRetryAttempts || !ShouldRetry(response, failure, repeatable))
            {
                return response ?? throw failure!;
            }

            var delay = RetryAfter(response) ?? Backoff(attempt, settings);
            response?.Dispose();
            try
            {
                await Task.Delay(delay, time, total.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ConnectorTimeoutException();
            }
        }
    }

    /// <summary>One attempt: the response, or what failed (a timeout as <see cref="ConnectorTimeoutException"/>).</summary>
    private async Task<(HttpResponseMessage? Response, Exception? Failure)> AttemptAsync(
        HttpRequestMessage request, TimeSpan timeout, CancellationToken total, CancellationToken caller)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(total);
        attempt.CancelAfter(timeout);
        try
        {
            return (await base.SendAsync(request, attempt.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return (null, new ConnectorTimeoutException());
        }
        catch (HttpRequestException e)
        {
            return (null, e);
        }
    }

    internal static bool IsRepeatable(HttpMethod method) => method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Get;

    internal static bool ShouldRetry(HttpResponseMessage? response, Exception? failure, bool repeatable) => (response, failure) switch
    {
        // No connection was made, so nothing was sent: safe for every method.
        (_, HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }) => true,
        // The request may have reached the Connector (a lost connection, a timed-out attempt): only what repeats safely.
        (_, HttpRequestException or ConnectorTimeoutException) => repeatable,
        ({ } answer, _) => answer.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.ServiceUnavailable
            || (repeatable && answer.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout),
        _ => false,
    };

    /// <summary>The wait the Connector asked for (seconds or a date), if any.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } wait ? (wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : null;
    }

    /// <summary>BaseDelay x 2^attempt, capped at MaxDelay, each drawn from [half, whole] so retries do not come in step.</summary>
    internal static TimeSpan Backoff(int attempt, ConnectorResilienceOptions settings)
    {
        var exponential = settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var capped = Math.Min(exponential, settings.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}

/// <summary>A Connector call or one of its attempts ran out of time.</summary>
public sealed class ConnectorTimeoutException() : TimeoutException("The Connector did not answer in time.");
