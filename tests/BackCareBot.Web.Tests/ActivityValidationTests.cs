using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Dialogs.State;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>
/// What /api/messages accepts, checked at the door in anonymous mode: JSON only, loopback service URLs only, and the
/// documented activity rules; anything else gets a 4xx with a reason before any state is read or written.
/// </summary>
public sealed class ActivityValidationTests : IAsyncLifetime
{
    private AnonymousBot _bot = null!;

    public async Task InitializeAsync() => _bot = await AnonymousBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Only_json_is_accepted_so_another_sites_form_cannot_post(string contentType)
    {
        var activity = Message();
        activity["serviceUrl"] = "http://169.254.169.254/";

        using var response = await _bot.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("http://169.254.169.254/")]
    [InlineData("http://10.0.0.7:8080/")]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("http://0.0.0.0:3978/")]
    public async Task Without_credentials_replies_go_to_loopback_service_urls_only(string serviceUrl)
    {
        var activity = Message();
        activity["serviceUrl"] = serviceUrl;

        using var response = await _bot.Client.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("loopback", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("http://localhost:{port}/")]
    [InlineData("http://127.0.0.1:{port}/")]
    public async Task Loopback_service_urls_are_answered(string serviceUrl)
    {
        var activity = Message();
        activity["serviceUrl"] = serviceUrl.Replace("{port}", _bot.Connector.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await _bot.Client.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_bot.Connector.Requests);
    }

    [Fact]
    public void The_start_up_warning_says_replies_go_to_loopback_only()
    {
        Assert.Contains(_bot.Host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("anonymous", StringComparison.Ordinal) && l.Contains("loopback", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "null in entities", """{"entities":[null]}""", "contains null" },
        { "null in attachments", """{"attachments":[null]}""", "contains null" },
        { "null in membersAdded", """{"type":"conversationUpdate","membersAdded":[null]}""", "contains null" },
        { "lone surrogate in card data", """{"text":null,"value":{"value":"\ud800"}}""", "not valid Unicode" },
        { "lone surrogate in a property name", """{"channelData":{"\udfff":1}}""", "not valid Unicode" },
        { "no conversation id", """{"conversation":{"id":null}}""", "conversation.id is missing" },
        { "no conversation", """{"conversation":null}""", "conversation.id is missing" },
        { "no activity id", """{"id":null}""", "id is missing" },
        { "no channel id", """{"channelId":""}""", "channelId is missing" },
        { "no serviceUrl", """{"serviceUrl":null}""", "serviceUrl must be" },
        { "ftp serviceUrl", """{"serviceUrl":"ftp://127.0.0.1/"}""", "serviceUrl must be" },
        { "file serviceUrl", """{"serviceUrl":"file:///etc/passwd"}""", "serviceUrl must be" },
        { "mailto serviceUrl", """{"serviceUrl":"mailto:someone@example.com"}""", "serviceUrl must be" },
        { "relative serviceUrl", """{"serviceUrl":"/v3/conversations"}""", "serviceUrl must be" },
        { "message without from.id", """{"from":{"name":"x"}}""", "from.id is missing" },
        { "activity id too long", $$"""{"id":"{{new string('1', 257)}}"}""", "longer than 256" },
        { "conversation id too long", $$$"""{"conversation":{"id":"{{{new string('a', 513)}}}"}}""", "longer than 512" },
        { "too deeply nested", """{"value":""" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}", "not a JSON activity" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_activities_get_400_with_a_reason_before_anything_is_stored(string what, string patch, string reason)
    {
        using var response = await _bot.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(Patched(Message(), patch), Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("BadRequest", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains(reason, body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
        Assert.Empty(_bot.Connector.Requests);
    }

    /// <summary>The activity with the patch's top-level properties replaced, as text: the patches are JSON no parser would build.</summary>
    private static string Patched(JsonNode activity, string patch)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(patch), new System.Text.Json.JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            activity.AsObject().Remove(reader.GetString()!);
            reader.Skip();
        }

        var json = activity.ToJsonString();
        return json[..^1] + "," + patch[1..];
    }

    private JsonNode Message() => TeamsUser.Message(_bot.Connector, "hi", "1717311100001");

    private async Task AssertNothingStoredAsync()
    {
        var store = _bot.Host.Services.GetRequiredService<IStateStore>();
        await foreach (var key in store.ListKeysAsync("", CancellationToken.None))
        {
            Assert.Fail($"stored {key}");
        }
    }
}
