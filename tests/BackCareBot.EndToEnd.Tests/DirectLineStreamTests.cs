using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>The WebSocket at streamUrl: replay since the watermark, pushed ActivitySets, typing on the socket only.</summary>
public sealed class DirectLineStreamTests
{
    [Fact]
    public async Task The_stream_replays_earlier_activities_then_pushes_echo_typing_and_reply()
    {
        await using var host = await BotHost.StartWithCardsAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();
        using var resumed = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationId}", token);
        var streamUrl = (await DirectLineClient.ReadAsync(resumed))["streamUrl"]!.GetValue<string>();

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        var replay = await ReceiveSetAsync(socket);
        Assert.Equal(2, replay["activities"]!.AsArray().Count); // the welcome sent before the socket opened

        (await client.PostMessageAsync(conversationId, token, "show card", "c9")).Dispose();
        var types = new List<string>();
        while (types.Count < 3)
        {
            var set = await ReceiveSetAsync(socket);
            types.AddRange(set["activities"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()));
        }

        Assert.Equal(["message", "typing", "message"], types);
        var stored = (await client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray();
        Assert.DoesNotContain(stored, a => a!["type"]!.GetValue<string>() == "typing");
        Assert.Equal(4, stored.Count);
    }

    [Fact]
    public async Task The_stream_refuses_a_token_for_another_conversation()
    {
        await using var host = await BotHost.StartAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationA, _) = await client.StartAsync();
        var (_, tokenB) = await client.StartAsync();

        using var socket = new ClientWebSocket();
        var url = new Uri($"ws://{host.Address.Authority}/v3/directline/conversations/{conversationA}/stream?t={Uri.EscapeDataString(tokenB)}");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, CancellationToken.None));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> ReceiveSetAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            // Empty frames are keep-alives.
            if (frame.Length > 0)
            {
                return JsonNode.Parse(Encoding.UTF8.GetString(frame.ToArray()))!.AsObject();
            }
        }
    }
}
