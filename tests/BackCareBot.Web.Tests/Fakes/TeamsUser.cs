using System.Net;
using System.Text.Json.Nodes;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>A Teams user in a personal chat, posting messages with the ids a channel gives them (and may retry).</summary>
/// <param name="firstId">Where this user's ids start: a channel never gives two activities of a conversation one id.</param>
public sealed class TeamsUser(HttpClient bot, LocalServer connector, int firstId = 0)
{
    private int _next = firstId;

    /// <summary>A message with a fresh activity id.</summary>
    public JsonNode Message(string text) => Message(text, $"17173109{Interlocked.Increment(ref _next):D5}");

    public JsonNode Message(string text, string id) => Message(connector, text, id);

    public static JsonNode Message(LocalServer connector, string text, string id)
    {
        var message = ConnectorStandIn.Fixture("teams-message-personal-text.json", connector.BaseAddress, text);
        message["id"] = id;
        return message;
    }

    public async Task SayAllAsync(params string[] texts)
    {
        foreach (var text in texts)
        {
            using var response = await bot.PostActivityAsync(Message(text));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>What the Connector received since request number <paramref name="since"/>: each message's text and cards, in order.</summary>
    public List<string> SentSince(int since) =>
        [.. connector.Requests.Skip(since).Where(r => r.Method == "POST").Select(r => JsonNode.Parse(r.Body)!).Select(a => $"{a["text"]}|{a["attachments"]?.ToJsonString()}")];
}
