using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>The Direct Line endpoint over real HTTP: isolation, expiry, refresh, paging, echo and limits.</summary>
public sealed class DirectLineApiTests
{
    [Fact]
    public async Task Starting_a_conversation_greets_and_the_user_message_is_echoed_with_id_and_clientActivityID()
    {
        await using var host = await BotHost.StartAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();

        using var posted = await client.PostMessageAsync(conversationId, token, "hello", clientActivityId: "abc123");
        var id = (await DirectLineClient.ReadAsync(posted))["id"]!.GetValue<string>();
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(conversationId) + @"\|\d{7}$", id);

        var activities = (await client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray();
        var echo = activities.Single(a => a!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("abc123", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("hello", echo["text"]!.GetValue<string>());
        Assert.Equal("webchat", echo["channelId"]!.GetValue<string>());
        // The server decides who the user is: the client's from.id is replaced by the id in its token.
        Assert.StartsWith("dl_", echo["from"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        var botMessages = activities.Where(a => a!["from"]!["id"]!.GetValue<string>() == "backcarebot").ToList();
        Assert.Equal(3, botMessages.Count); // welcome and consent question on start, then the answer to "hello"
        Assert.Equal(id, botMessages[2]!["replyToId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_opens_only_its_own_conversation()
    {
        await using var host = await BotHost.StartAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationA, tokenA) = await client.StartAsync();
        var (conversationB, _) = await client.StartAsync();

        using var read = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationB}/activities", tokenA);
        using var post = await client.PostMessageAsync(conversationB, tokenA, "hello");
        using var resume = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationB}", tokenA);
        using var own = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationA}/activities", tokenA);
        using var forged = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationA}/activities", tokenA[..^2] + "AA");

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, resume.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task Tokens_expire_after_30_minutes_and_refresh_before_that()
    {
        var time = new ManualTime();
        await using var host = await BotHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();

        time.Advance(TimeSpan.FromMinutes(20));
        using var refreshed = await client.SendAsync(HttpMethod.Post, "tokens/refresh", token);
        var fresh = await DirectLineClient.ReadAsync(refreshed);
        Assert.Equal(conversationId, fresh["conversationId"]!.GetValue<string>());
        Assert.Equal(1800, fresh["expires_in"]!.GetValue<int>());
        var newToken = fresh["token"]!.GetValue<string>();

        time.Advance(TimeSpan.FromMinutes(11));
        using var expired = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities", token);
        using var expiredRefresh = await client.SendAsync(HttpMethod.Post, "tokens/refresh", token);
        using var stillValid = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities", newToken);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("TokenExpired", await DirectLineClient.ErrorCodeAsync(expired));
        Assert.Equal(HttpStatusCode.Forbidden, expiredRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }

    [Fact]
    public async Task Watermark_pages_return_only_newer_activities()
    {
        await using var host = await BotHost.StartAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();

        var first = await client.ActivitiesAsync(conversationId, token);
        var watermark = first["watermark"]!.GetValue<string>();
        Assert.Equal(2, first["activities"]!.AsArray().Count); // the welcome and the consent question

        (await client.PostMessageAsync(conversationId, token, "hi", "c2")).Dispose();
        var second = await client.ActivitiesAsync(conversationId, token, watermark);
        var texts = second["activities"]!.AsArray().Select(a => a!["channelData"]?["clientActivityID"]?.GetValue<string>() ?? "bot").ToList();
        Assert.Equal(["c2", "bot"], texts);

        var third = await client.ActivitiesAsync(conversationId, token, second["watermark"]!.GetValue<string>());
        Assert.Empty(third["activities"]!.AsArray());
        Assert.Equal(second["watermark"]!.GetValue<string>(), third["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uploads_and_file_attachments_are_refused_with_a_reason()
    {
        await using var host = await BotHost.StartAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();

        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x-ray.png" } };
        using var upload = await client.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/upload?userId=u", token, form);
        using var attachment = await client.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token, JsonContent.Create(new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "blob:x" }),
        }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        Assert.Equal("UploadNotSupported", await DirectLineClient.ErrorCodeAsync(upload));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, attachment.StatusCode);
        Assert.Equal(2, (await client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray().Count); // only the welcome
    }

    [Fact]
    public async Task Posting_faster_than_the_limit_gets_429_with_a_reason()
    {
        await using var host = await BotHost.StartAsync(new() { ["DirectLine:PostsPerWindow"] = "3" });
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();
        var (otherId, otherToken) = await client.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostMessageAsync(conversationId, token, "hi", $"c{i}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("TooManyRequests", await DirectLineClient.ErrorCodeAsync(response));
            }
        }

        using var other = await client.PostMessageAsync(otherId, otherToken, "hi");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Bodies_over_256_KB_get_413_and_are_not_stored()
    {
        await using var host = await BotHost.StartAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();

        using var big = await client.PostMessageAsync(conversationId, token, new string('a', 257 * 1024));
        using var justUnder = await client.PostMessageAsync(conversationId, token, new string('a', 200 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(HttpStatusCode.OK, justUnder.StatusCode);
    }

    [Fact]
    public async Task Tokens_are_issued_to_the_local_page_or_with_the_secret_only()
    {
        await using var host = await BotHost.StartAsync(new() { ["DirectLine:Secret"] = "s3cret-for-tests" });
        using var client = new DirectLineClient(host.Address);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "tokens/generate");
        crossSite.Headers.Add("Origin", "https://evil.example");
        using var refused = await client.Http.SendAsync(crossSite);
        using var wrongSecret = await client.SendAsync(HttpMethod.Post, "tokens/generate", "wrong");
        using var crossSiteWithSecret = new HttpRequestMessage(HttpMethod.Post, "tokens/generate");
        crossSiteWithSecret.Headers.Add("Origin", "https://partner.example");
        crossSiteWithSecret.Headers.Authorization = new("Bearer", "s3cret-for-tests");
        using var allowed = await client.Http.SendAsync(crossSiteWithSecret);
        using var samePage = await client.Http.PostAsync("tokens/generate", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, samePage.StatusCode);
    }

    [Fact]
    public async Task Resuming_gives_a_new_token_and_stream_url_for_the_same_conversation()
    {
        await using var host = await BotHost.StartAsync();
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();

        using var again = await client.SendAsync(HttpMethod.Post, "conversations", token);
        using var resumed = await client.SendAsync(HttpMethod.Get, $"conversations/{conversationId}?watermark=1", token);
        var body = await DirectLineClient.ReadAsync(resumed);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(conversationId, body["conversationId"]!.GetValue<string>());
        Assert.StartsWith($"ws://{host.Address.Authority}/v3/directline/conversations/{conversationId}/stream?watermark=1&t=", body["streamUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, (await client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray().Count); // welcomed once only
    }

    [Fact]
    public async Task Conversations_are_forgotten_when_idle_or_when_too_many_are_open()
    {
        var time = new ManualTime();
        await using var host = await BotHost.StartAsync(
            new() { ["DirectLine:IdleExpiry"] = "00:10:00", ["DirectLine:MaxConversations"] = "2" },
            s => s.AddSingleton<TimeProvider>(time));
        using var client = new DirectLineClient(host.Address);
        var (first, firstToken) = await client.StartAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        var (second, secondToken) = await client.StartAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        var (third, thirdToken) = await client.StartAsync();

        using var evicted = await client.SendAsync(HttpMethod.Get, $"conversations/{first}/activities", firstToken);
        using var kept = await client.SendAsync(HttpMethod.Get, $"conversations/{second}/activities", secondToken);
        time.Advance(TimeSpan.FromMinutes(11));
        using var idle = await client.SendAsync(HttpMethod.Get, $"conversations/{third}/activities", thirdToken);

        Assert.Equal(HttpStatusCode.NotFound, evicted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, idle.StatusCode);
        Assert.Equal("ConversationNotFound", await DirectLineClient.ErrorCodeAsync(idle));
    }
}
