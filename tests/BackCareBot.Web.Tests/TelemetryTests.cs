using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using BackCareBot.Dialogs.State;
using BackCareBot.Web.Telemetry;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BackCareBot.Web.Tests;

/// <summary>
/// What a turn exports: its span and children, the Connector retry counts, and the readiness endpoint. Activity
/// sources and meters are process-wide, so other tests' turns reach these exporters too: each test sends its own
/// trace id (traceparent) and reads only that trace's spans, and counts metrics as "at least".
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_turn_span_has_its_store_and_connector_calls_as_children()
    {
        var spans = new List<Activity>();
        await using var connector = await ConnectorStandIn.StartAsync();
        await using var host = Host(spans, []);
        using var client = host.CreateClient();

        var trace = await PostAsync(client, ConnectorStandIn.Fixture("teams-conversationUpdate-personal-bot-added.json", connector.BaseAddress));
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        spans = Mine(spans, trace);

        var turn = Assert.Single(spans, s => s.OperationName == "turn");
        Assert.Equal("conversationUpdate", turn.GetTagItem("bot.activity.type"));
        Assert.Equal("msteams", turn.GetTagItem("bot.channel"));
        Assert.Equal("replied", turn.GetTagItem("bot.outcome"));
        Assert.Equal("bot added", turn.GetTagItem("bot.route"));
        Assert.Equal(5, turn.GetTagItem("bot.triage.level"));
        Assert.Null(turn.GetTagItem("bot.warning_sign.level"));
        var children = spans.Where(s => s.ParentSpanId == turn.SpanId).Select(s => s.OperationName).ToList();
        Assert.Contains("store.read", children);
        Assert.Contains("store.write", children);
        // Replies are delivered by the pipeline once the turn's state is written, after the turn: same trace, not a child.
        Assert.Contains(spans, s => s.OperationName == "connector");
        var read = spans.First(s => s.OperationName == "store.read");
        Assert.Equal("missing", read.GetTagItem("bot.store.outcome"));
        Assert.Equal("memory", read.GetTagItem("bot.store.kind"));
        var send = spans.First(s => s.OperationName == "connector");
        Assert.Equal("reply", send.GetTagItem("bot.connector.operation"));
        Assert.Equal(1, send.GetTagItem("bot.connector.attempts"));
        Assert.Equal(send.SpanId, spans.First(s => s.OperationName == "connector.attempt").ParentSpanId);
    }

    [Fact]
    public async Task A_throttled_connector_call_counts_one_retry_and_one_429()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var first = 1;
        await using var connector = await ConnectorStandIn.StartAsync(_ => Interlocked.Exchange(ref first, 0) == 1
            ? new LocalResponse(429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", RetryAfter: "0")
            : new LocalResponse(200, """{"id":"1"}"""));
        await using var host = Host(spans, metrics);
        using var client = host.CreateClient();

        var trace = await PostAsync(client, ConnectorStandIn.Fixture("teams-message-personal-text.json", connector.BaseAddress, "hello"));
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        spans = Mine(spans, trace);

        var call = spans.First(s => s.OperationName == "connector");
        Assert.Equal(2, call.GetTagItem("bot.connector.attempts"));
        Assert.Equal(new object[] { 429, 200 }, spans.Where(s => s.OperationName == "connector.attempt" && s.ParentSpanId == call.SpanId)
            .OrderBy(s => s.GetTagItem("bot.connector.attempt")).Select(s => s.GetTagItem("http.response.status_code")!).ToArray());
        Assert.True(Sum(metrics, "backcarebot.connector.retries") >= 1);
        Assert.True(Sum(metrics, "backcarebot.connector.throttled") >= 1);
        Assert.True(Sum(metrics, "backcarebot.connector.calls") >= 1);
    }

    [Fact]
    public async Task Readyz_is_200_when_content_and_store_answer_and_healthz_stays_alive()
    {
        await using var host = new BotHost(BotHost.Anonymous());
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", body["status"]!.GetValue<string>());
        Assert.Equal("ok", body["store"]!.GetValue<string>());
        Assert.Equal("not configured", body["connectorToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_is_503_naming_the_store_when_it_cannot_be_reached()
    {
        await using var host = new BotHost(BotHost.Anonymous(), services => services.AddSingleton<IStateStore>(new UnreachableStore()));
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        using var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("failed: IOException", body["store"]!.GetValue<string>());
        Assert.Equal("ok", body["content"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Readyz_is_503_when_the_connector_token_cannot_be_obtained()
    {
        await using var authority = await ChannelAuthority.StartAsync();
        var settings = BotHost.SingleTenant(authority);
        settings["BotTokenAuthorityHost"] = "https://127.0.0.1:9";
        await using var host = new BotHost(settings, services => services.TrustAuthority(authority));
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.StartsWith("failed: ", body["connectorToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ok", body["store"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_azure_monitor_connection_string_configures_the_azure_monitor_exporter_with_it()
    {
        const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";
        var settings = BotHost.Anonymous();
        settings[TelemetryRegistration.AzureMonitorSetting] = ConnectionString;
        await using var host = new BotHost(settings);
        using var client = host.CreateClient();

        using var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.Equal(ConnectionString, host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorOptions>>().Get(Options.DefaultName).ConnectionString);
    }

    private static BotHost Host(List<Activity> spans, List<Metric> metrics)
    {
        var settings = BotHost.Anonymous();
        settings["Telemetry:Enabled"] = "true";
        settings["Connector:BaseDelay"] = "00:00:00.001";
        return new BotHost(settings, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        });
    }

    private static long Sum(List<Metric> metrics, string name)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }

    /// <summary>Posts the activity in a trace of its own and returns the trace id.</summary>
    private static async Task<ActivityTraceId> PostAsync(HttpClient client, JsonNode activity)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return trace;
    }

    private static List<Activity> Mine(List<Activity> spans, ActivityTraceId trace)
    {
        // A snapshot: other tests' spans may still be arriving.
        return [.. spans.ToArray().Where(s => s is not null && s.TraceId == trace)];
    }

    private sealed class UnreachableStore : IStateStore
    {
        public Task<StoredState?> ReadAsync(string key, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? expectedETag, bool pending, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public IAsyncEnumerable<string> ListKeysAsync(string prefix, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public IAsyncEnumerable<string> ListPendingAsync(CancellationToken cancellationToken) => throw new IOException("disk gone");
    }
}
