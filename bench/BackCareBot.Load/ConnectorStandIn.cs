using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Load;

/// <summary>
/// What Azure Bot Service's Connector is to a bot, reduced to the calls a turn makes: POST (send, reply) and PUT
/// (update) under /v3/conversations/{id}/activities. It keeps the bodies each conversation was sent since the
/// load generator last took them, and answers 200 with a resource id, as the Connector does.
/// </summary>
public sealed class ConnectorStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Inbox> _inboxes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private long _ids;
    private long _calls;

    private ConnectorStandIn(WebApplication app) => _app = app;

    public long Calls => Interlocked.Read(ref _calls);

    public static async Task<ConnectorStandIn> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.ListenLocalhost(port));
        var app = builder.Build();
        var standIn = new ConnectorStandIn(app);
        app.MapPost("/v3/conversations/{conversation}/activities/{replyTo?}", (Delegate)standIn.ReceiveAsync);
        app.MapPut("/v3/conversations/{conversation}/activities/{activity}", (Delegate)standIn.ReceiveAsync);
        await app.StartAsync().ConfigureAwait(false);
        return standIn;
    }

    private async Task ReceiveAsync(HttpContext http, string conversation)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        Interlocked.Increment(ref _calls);
        _inboxes.GetOrAdd(Uri.UnescapeDataString(conversation), _ => new Inbox()).Add(buffer.ToArray());
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync($"{{\"id\":\"r{Interlocked.Increment(ref _ids)}\"}}").ConfigureAwait(false);
    }

    /// <summary>The bodies sent to a conversation since the last call, and forgets them.</summary>
    public List<byte[]> Take(string conversation) =>
        _inboxes.TryGetValue(conversation, out var inbox) ? inbox.TakeAll() : [];

    /// <summary>
    /// Waits until the conversation has been sent a body since the last take, or the time runs out: a bot answers
    /// an invoke first and sends the replies that follow it afterwards.
    /// </summary>
    public Task<bool> ArrivedAsync(string conversation, TimeSpan timeout) =>
        _inboxes.GetOrAdd(conversation, _ => new Inbox()).ArrivedAsync(timeout);

    public void Forget(string conversation) => _inboxes.TryRemove(conversation, out _);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Inbox
    {
        private readonly Lock _lock = new();
        private List<byte[]> _bodies = [];
        private TaskCompletionSource<bool> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(byte[] body)
        {
            TaskCompletionSource<bool> arrived;
            lock (_lock)
            {
                _bodies.Add(body);
                arrived = _arrived;
            }

            arrived.TrySetResult(true);
        }

        public async Task<bool> ArrivedAsync(TimeSpan timeout)
        {
            Task<bool> arrived;
            lock (_lock)
            {
                if (_bodies.Count > 0)
                {
                    return true;
                }

                if (_arrived.Task.IsCompleted)
                {
                    _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                arrived = _arrived.Task;
            }

            return await arrived.WaitAsync(timeout).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default).ConfigureAwait(false);
        }

        public List<byte[]> TakeAll()
        {
            lock (_lock)
            {
                var taken = _bodies;
                _bodies = [];
                return taken;
            }
        }
    }
}
