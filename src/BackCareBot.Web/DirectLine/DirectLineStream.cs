using System.Net.WebSockets;
using System.Text.Json;
using BackCareBot.Protocol.DirectLine;
using BackCareBot.Web.Bot;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.DirectLine;

/// <summary>
/// The WebSocket at a conversation's streamUrl: replays what came after the socket's watermark, then pushes each
/// new ActivitySet as a text frame and an empty frame as keep-alive. Frames from the client are ignored.
/// </summary>
public static class DirectLineStream
{
    public static async Task<IResult> RunAsync(
        HttpContext http, string conversationId, string? watermark, string? t,
        DirectLineTokens tokens, DirectLineConversationStore store, IOptions<DirectLineOptions> options)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return ErrorResults.Problem(400, "BadRequest", "The stream is a WebSocket; connect to streamUrl with a WebSocket client.");
        }

        var (conversation, problem) = DirectLineEndpoints.Authorize(http, conversationId, tokens, store, token: t ?? string.Empty);
        if (conversation is null)
        {
            return problem!;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var sets = conversation.Subscribe(watermark, out var unsubscribe);
        var receiving = DrainAsync(socket, closed);
        try
        {
            await SendAsync(socket, sets, options.Value.KeepAliveInterval, closed.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        catch (WebSocketException)
        {
            // The connection broke; the client reconnects with its watermark.
        }
        finally
        {
            unsubscribe();
            await CloseAsync(socket);
            await closed.CancelAsync();
            await receiving;
        }

        return Results.Empty;
    }

    private static async Task SendAsync(WebSocket socket, System.Threading.Channels.ChannelReader<ActivitySet> sets, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            bool more;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                wait.CancelAfter(keepAlive);
                try
                {
                    more = await sets.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                    continue;
                }
            }

            if (!more)
            {
                return;
            }

            while (sets.TryRead(out var set))
            {
                var frame = JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJsonContext.Default.ActivitySet);
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
    }

    /// <summary>Reads (and drops) client frames until the client closes, then stops the sender.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Closed by either side.
        }

        await closed.CancelAsync();
    }

    private static async Task CloseAsync(WebSocket socket)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // Already gone.
            }
        }
    }
}
