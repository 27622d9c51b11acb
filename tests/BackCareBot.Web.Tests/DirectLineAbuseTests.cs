using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

/// <summary>
/// The bot's own Direct Line endpoint on a real loopback socket: posts without the conversation's token cannot use up
/// its rate limit, and a page reaching the bot through another host name (DNS rebinding) gets no token.
/// </summary>
public sealed class DirectLineAbuseTests(DirectLineAbuseTests.Bot fixture) : IClassFixture<DirectLineAbuseTests.Bot>
{
    private readonly BotProcess _bot = fixture.Process;

    [Fact]
    public async Task Posts_without_the_conversations_token_do_not_count_against_its_limit()
    {
        var (conversationId, token) = await StartAsync();
        var other = await StartAsync();

        for (var i = 0; i < 10; i++)
        {
            using var anonymous = await PostAsync(conversationId, null);
            using var wrongToken = await PostAsync(conversationId, other.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        }

        using var owner = await PostAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Theory]
    [InlineData("rebound.example", true)]
    [InlineData("rebound.example", false)]
    [InlineData("192.168.1.20", false)]
    public async Task A_token_is_refused_to_a_request_naming_another_host(string host, bool withOrigin)
    {
        var authority = $"{host}:{_bot.Address.Port}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/directline/tokens/generate");
        request.Headers.Host = authority;
        if (withOrigin)
        {
            request.Headers.Add("Origin", $"http://{authority}");
        }

        using var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task The_local_page_still_gets_a_token(string host)
    {
        var authority = $"{host}:{_bot.Address.Port}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/directline/tokens/generate");
        request.Headers.Host = authority;
        request.Headers.Add("Origin", $"http://{authority}");

        using var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(string ConversationId, string Token)> StartAsync()
    {
        using var generated = await _bot.Client.PostAsync(new Uri("v3/directline/tokens/generate", UriKind.Relative), null);
        var token = (await generated.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = new("Bearer", token);
        using var started = await _bot.Client.SendAsync(start);
        var conversation = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        return (conversation["conversationId"]!.GetValue<string>(), conversation["token"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> PostAsync(string conversationId, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversationId}/activities")
        {
            Content = new StringContent("""{"type":"message","from":{"id":"someone"},"text":"hi"}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return _bot.Client.SendAsync(request);
    }

    /// <summary>One bot process for the class (each test uses its own conversations).</summary>
    public sealed class Bot : IAsyncLifetime
    {
        private readonly string _data = Path.Combine(Path.GetTempPath(), "bcb-dl-" + Guid.NewGuid().ToString("N"));

        public BotProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() => Process = await BotProcess.StartAsync(_data, new Dictionary<string, string?> { ["DirectLine:PostsPerWindow"] = "3" });

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            Directory.Delete(_data, recursive: true);
        }
    }
}
