using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;
using BackCareBot.Web.Tests.Fakes;

namespace BackCareBot.Web.Tests;

public sealed class MessagesEndpointTests : IDisposable
{
    private readonly BotHost _host = new(BotHost.Anonymous());
    private readonly HttpClient _client;

    public MessagesEndpointTests() => _client = _host.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        var response = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Bot_added_in_teams_greets_the_user_in_the_expect_replies_body()
    {
        var activity = JsonNode.Parse(File.ReadAllText(Repo.ReferenceFile("activities", "teams-conversationUpdate-personal-bot-added.json")))!;
        activity["deliveryMode"] = "expectReplies";
        // Anonymous mode answers loopback service URLs only.
        activity["serviceUrl"] = "http://127.0.0.1:9/";

        var response = await PostAsync(activity.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        Assert.Equal(2, replies.Count);
        var greeting = replies[0]!;
        Assert.Contains("diagnose", greeting["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Yes", "No"], replies[1]!["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        Assert.Equal(activity["recipient"]!["id"]!.GetValue<string>(), greeting["from"]!["id"]!.GetValue<string>());
        Assert.Equal(activity["conversation"]!["id"]!.GetValue<string>(), greeting["conversation"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "empty")]
    [InlineData("this is not json", HttpStatusCode.BadRequest, "not a JSON activity")]
    [InlineData("""{"text":"no type"}""", HttpStatusCode.BadRequest, "no type field")]
    [InlineData("[1,2,3]", HttpStatusCode.BadRequest, "not a JSON activity")]
    public async Task Malformed_bodies_get_a_4xx_with_a_reason(string body, HttpStatusCode expected, string reason)
    {
        var response = await PostAsync(body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_body_gets_413()
    {
        var body = $$"""{"type":"message","text":"{{new string('a', 300 * 1024)}}"}""";

        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_type_is_accepted_and_ignored()
    {
        var response = await PostAsync("""{"type":"somethingNew","id":"1","channelId":"test","serviceUrl":"http://127.0.0.1:9/","conversation":{"id":"c"},"deliveryMode":"expectReplies"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray());
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        _client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
}
