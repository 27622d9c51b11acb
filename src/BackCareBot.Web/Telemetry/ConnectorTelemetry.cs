using System.Diagnostics;

namespace BackCareBot.Web.Telemetry;

/// <summary>
/// Outermost handler of the Connector client, around its retries: a "connector" span per call (operation, final
/// status, attempts) and the call metrics. The operation is named from the path's shape, never its ids.
/// </summary>
public sealed class ConnectorCallTelemetry : DelegatingHandler
{
    private static readonly AsyncLocal<Attempts?> Current = new();

    /// <summary>The attempt counter of the call in flight (read by <see cref="ConnectorAttemptTelemetry"/>).</summary>
    internal static Attempts? InFlight => Current.Value;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = Operation(request.Method, request.RequestUri);
        using var span = BotTelemetry.Source.StartActivity("connector", ActivityKind.Client);
        span?.SetTag("bot.connector.operation", operation);
        span?.SetTag("http.request.method", request.Method.Method);
        var attempts = new Attempts();
        Current.Value = attempts;
        var started = Stopwatch.GetTimestamp();
        string status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = StatusClass((int)response.StatusCode);
            span?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                span?.SetStatus(ActivityStatusCode.Error);
            }

            return response;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            span?.SetTag("error.type", e.GetType().Name);
            throw;
        }
        finally
        {
            Current.Value = null;
            span?.SetTag("bot.connector.attempts", attempts.Count);
            var tags = new TagList { { "bot.connector.operation", operation }, { "http.response.status_class", status } };
            BotTelemetry.ConnectorCalls.Add(1, tags);
            BotTelemetry.ConnectorDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    /// <summary>send, reply, update, delete, members, create or other, from the method and the path after v3/conversations.</summary>
    internal static string Operation(HttpMethod method, Uri? uri)
    {
        var segments = uri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var at = Array.FindIndex(segments, s => s == "conversations");
        var after = at < 0 ? -1 : segments.Length - at - 1;
        return (method.Method, after, after >= 2 ? segments[at + 2] : null) switch
        {
            ("POST", 0, _) => "create",
            ("POST", 2, "activities") => "send",
            ("POST", 3, "activities") => "reply",
            ("PUT", 3, "activities") => "update",
            ("DELETE", 3, "activities") => "delete",
            ("GET", 2, "members") => "members",
            _ => "other",
        };
    }

    internal static string StatusClass(int status) => status switch
    {
        429 => "429",
        >= 200 and < 300 => "2xx",
        >= 400 and < 500 => "4xx",
        >= 500 => "5xx",
        _ => "other",
    };

    internal sealed class Attempts
    {
        public int Count;
    }
}

/// <summary>
/// Innermost handler of the Connector client, run once per attempt: an "connector.attempt" span, and the retry and
/// 429 counts of the call it belongs to.
/// </summary>
public sealed class ConnectorAttemptTelemetry : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempts = ConnectorCallTelemetry.InFlight;
        var attempt = attempts is null ? 1 : Interlocked.Increment(ref attempts.Count);
        var operation = ConnectorCallTelemetry.Operation(request.Method, request.RequestUri);
        if (attempt > 1)
        {
            BotTelemetry.ConnectorRetries.Add(1, new KeyValuePair<string, object?>("bot.connector.operation", operation));
        }

        using var span = BotTelemetry.Source.StartActivity("connector.attempt", ActivityKind.Client);
        span?.SetTag("bot.connector.attempt", attempt);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            span?.SetTag("http.response.status_code", (int)response.StatusCode);
            if ((int)response.StatusCode == 429)
            {
                BotTelemetry.ConnectorThrottled.Add(1, new KeyValuePair<string, object?>("bot.connector.operation", operation));
            }

            return response;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            span?.SetTag("error.type", e.GetType().Name);
            throw;
        }
    }
}
