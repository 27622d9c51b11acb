using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>One request as it arrived; PathAndQuery is the raw request target, escapes kept.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string Body, long ReceivedAt);

public sealed record LocalResponse(int Status, string? Body = null, string? RetryAfter = null, TimeSpan Delay = default);

/// <summary>A real Kestrel server on 127.0.0.1 (random port) that records every request and answers from a script.</summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<LocalServer> StartAsync(Func<RecordedRequest, LocalResponse> respond, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        LocalServer? server = null;
        app.Run(async http =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var request = new RecordedRequest(
                http.Request.Method,
                http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
                await reader.ReadToEndAsync(http.RequestAborted),
                Environment.TickCount64);
            server!.Requests.Enqueue(request);
            var response = respond(request);
            await Task.Delay(response.Delay, http.RequestAborted);
            http.Response.StatusCode = response.Status;
            if (response.RetryAfter is not null)
            {
                http.Response.Headers.RetryAfter = response.RetryAfter;
            }

            if (response.Body is not null)
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(response.Body, http.RequestAborted);
            }
        });
        await app.StartAsync();
        server = new LocalServer(app, new Uri(app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
