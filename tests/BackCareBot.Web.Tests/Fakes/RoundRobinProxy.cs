using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>
/// A load balancer on 127.0.0.1 in front of two bot instances: activities go round-robin, and an activity id seen
/// before (a channel's retry) goes to the instance that did not get it last time. Records every status it relayed.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly Uri[] _backends;
    private readonly ConcurrentDictionary<string, int> _lastBackend = new(StringComparer.Ordinal);
    private int _next;

    private RoundRobinProxy(WebApplication app, Uri[] backends)
    {
        _app = app;
        _backends = backends;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<int> Statuses { get; } = new();

    /// <summary>How many retries went to the other instance.</summary>
    public int Rerouted => _rerouted;

    private int _rerouted;

    public static async Task<RoundRobinProxy> StartAsync(params Uri[] backends)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app, backends);
        app.Run(proxy.RelayAsync);
        await app.StartAsync();
        proxy.BaseAddress = new Uri(app.Urls.Single() + "/");
        return proxy;
    }

    private async Task RelayAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var id = JsonNode.Parse(body)?["conversation"]?["id"] + "/" + JsonNode.Parse(body)?["id"];
        var backend = Interlocked.Increment(ref _next) % _backends.Length;
        _lastBackend.AddOrUpdate(id, backend, (_, last) =>
        {
            Interlocked.Increment(ref _rerouted);
            return backend = (last + 1) % _backends.Length;
        });

        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(_backends[backend], http.Request.Path + http.Request.QueryString))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await _client.SendAsync(request, http.RequestAborted);
        Statuses.Enqueue((int)response.StatusCode);
        http.Response.StatusCode = (int)response.StatusCode;
        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
