using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace BackCareBot.Web.Tests;

/// <summary>
/// "export my data" and the progress chart through the real host: the link is got by typing the command, opened
/// over HTTP, and refused once expired (the host's clock is moved), altered, replaced by a newer one, or after
/// "forget me". The user's state is seeded in the store as check-ins would have left it.
/// </summary>
public sealed partial class PrivateLinkTests : IAsyncLifetime
{
    private const string PublicUrl = "https://bot.example";
    private const string UserId = "29:user-private-7f3a";
    private static readonly DateTimeOffset Now = new(2026, 6, 12, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new();
    private readonly string _conversation = "a:conv-private-" + Guid.NewGuid().ToString("N")[..8];
    private BotHost _host = null!;
    private HttpClient _client = null!;
    private int _activity;

    public Task InitializeAsync()
    {
        _clock.SetUtcNow(Now);
        var settings = BotHost.Anonymous();
        settings["Care:PublicUrl"] = PublicUrl;
        settings["CheckIn:PollInterval"] = "30.00:00:00";
        _host = new BotHost(settings, services => services.AddSingleton<TimeProvider>(_clock));
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("export my data", "en")]
    [InlineData("导出我的数据", "zh-CN")]
    public async Task Export_my_data_gives_a_link_to_a_json_file_of_everything_stored(string command, string locale)
    {
        await SeedAsync(locale);

        var reply = (await SayAsync(command)).First(a => a!["text"] is not null)!["text"]!.GetValue<string>();
        var link = Link(reply, "export");
        Assert.Contains(locale == "en" ? "15 minutes" : "15分钟", reply, StringComparison.Ordinal);
        var response = await GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        var data = JsonNode.Parse(body)!;
        Assert.Equal("4", data["answers"]!["pain_now"]!.GetValue<string>());
        Assert.Equal("side", data["answers"]!["sleep_position"]!.GetValue<string>());
        Assert.Equal(locale, data["language"]!.GetValue<string>());
        Assert.Equal("Europe/London", data["checkIns"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("07:30", data["checkIns"]!["time"]!.GetValue<string>());
        var diary = data["checkIns"]!["diary"]!.AsArray();
        Assert.Equal([6, 5, 5, 3], diary.Select(d => d!["pain"]!.GetValue<int>()));
        Assert.Equal("2026-06-09", diary[1]!["date"]!.GetValue<string>());
        Assert.Equal("30to60", diary[0]!["morningStiffness"]!.GetValue<string>());
        Assert.Equal("better", diary[3]!["comparedWithYesterday"]!.GetValue<string>());
        // The check-in asks about the day before: "did you do your exercises yesterday?".
        Assert.Equal("no", diary[0]!["exercisesDoneYesterday"]!.GetValue<string>());
        // Nothing of the bot's own bookkeeping: no conversation, user or bot ids, no service address, no tokens.
        foreach (var id in new[] { _conversation, UserId, "28:bot", "127.0.0.1", link.Split('/')[^1].Split('.')[0] })
        {
            Assert.DoesNotContain(id, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_link_names_nobody_and_an_altered_or_unknown_token_gets_404()
    {
        await SeedAsync("en");
        var link = Link(await TextOfAsync("export my data"), "export");
        var token = link.Split('/')[^1][..^".json".Length];

        Assert.DoesNotContain(_conversation, link, StringComparison.Ordinal);
        Assert.DoesNotContain("user", link, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        var altered = (token[0] == 'A' ? "B" : "A") + token[1..];
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/private/export/{altered}.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/private/export/{token[..20]}.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/private/export/not*a*token.json")).StatusCode);
        // An export token does not open a chart.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/private/chart/{token}.png")).StatusCode);
        var refused = await GetAsync($"/private/export/{altered}.json");
        Assert.Contains("no such link", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_gets_410_and_a_new_one_works()
    {
        await SeedAsync("en");
        var link = Link(await TextOfAsync("export my data"), "export");

        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(link)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("export my data", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no-store", expired.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Link(await TextOfAsync("export my data"), "export"))).StatusCode);
    }

    [Fact]
    public async Task A_newer_link_replaces_the_older_one()
    {
        await SeedAsync("en");
        var first = Link(await TextOfAsync("export my data"), "export");
        var second = Link(await TextOfAsync("export my data"), "export");

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task After_forget_me_the_export_and_chart_links_are_gone_even_when_the_user_comes_back()
    {
        await SeedAsync("en");
        var export = Link(await TextOfAsync("export my data"), "export");
        var chart = ChartUrl(await SayAsync("my progress"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(chart)).StatusCode);

        await SayAsync("forget me");
        var deleted = await TextOfAsync("yes");
        Assert.Contains("deleted", deleted, StringComparison.Ordinal);
        await SayAsync("hello");

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(export)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(chart)).StatusCode);
        var keys = new List<string>();
        await foreach (var key in _host.Services.GetRequiredService<IStateStore>().ListKeysAsync("link/", CancellationToken.None))
        {
            keys.Add(key);
        }

        Assert.Empty(keys);
    }

    [Theory]
    [InlineData("my progress", "en", "Pain and morning stiffness, last 14 days")]
    [InlineData("我的进展", "zh-CN", "近14天的疼痛和晨僵")]
    public async Task My_progress_shows_the_chart_card_whose_png_the_bot_draws(string command, string locale, string title)
    {
        await SeedAsync(locale);

        var replies = await SayAsync(command);
        Assert.Contains("3/10", replies.First(a => a!["text"] is not null)!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var card = Card(replies);
        var image = card["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "Image")!;
        Assert.Equal(title, card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Contains(locale == "en" ? "from 6/10 to 3/10" : "从6/10变为3/10", image["altText"]!.GetValue<string>(), StringComparison.Ordinal);
        var url = image["url"]!.GetValue<string>();
        Assert.StartsWith(PublicUrl + "/private/chart/", url, StringComparison.Ordinal);
        Assert.DoesNotContain(_conversation, url, StringComparison.Ordinal);

        var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((800, 400), (bitmap.Width, bitmap.Height));
        Assert.True(Variance(bitmap) > 200, $"the chart looks blank (variance {Variance(bitmap):F0})");
        // The pain line's colour (C23B22) is drawn: the chart has the data, not only axes.
        Assert.True(Count(bitmap, new SKColor(0xC2, 0x3B, 0x22)) > 300, "no pain line drawn");
        Assert.True(Count(bitmap, new SKColor(0x1F, 0x5F, 0xA8)) > 150, "no stiffness line drawn");
    }

    [Fact]
    public async Task An_expired_or_altered_chart_link_is_refused()
    {
        await SeedAsync("en");
        var url = ChartUrl(await SayAsync("my progress"));
        var token = url.Split('/')[^1][..^".png".Length];

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/private/chart/{token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}.png")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Gone, (await GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Without_check_ins_my_progress_has_no_chart()
    {
        await SeedAsync("en", diary: false);

        var replies = await SayAsync("my progress");

        Assert.Contains("No check-ins answered yet", replies[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(replies, a => a!["attachments"] is not null);
    }

    /// <summary>A user four days into the programme (started 8 June, London), four check-ins in the diary.</summary>
    private async Task SeedAsync(string locale, bool diary = true)
    {
        var plan = new CheckInPlan { TimeZone = "Europe/London", Minutes = 7 * 60 + 30, StartedOn = new DateOnly(2026, 6, 8) };
        if (diary)
        {
            PainDiary.Record(plan, new DateOnly(2026, 6, 8), 6, "same", "30to60", "side", "no");
            PainDiary.Record(plan, new DateOnly(2026, 6, 9), 5, "better", "30to60", "side", "yes");
            PainDiary.Record(plan, new DateOnly(2026, 6, 10), 5, "same", "under30", "back", "some");
            PainDiary.Record(plan, new DateOnly(2026, 6, 12), 3, "better", "under30", "back", "yes");
        }

        var state = new CareState { Locale = locale, Country = "GB", CheckIn = plan, CheckInDue = Now.AddDays(1) };
        state.Dialog.Answers["consent"] = "yes";
        state.Dialog.Answers["sleep_position"] = "side";
        state.Dialog.Answers["pain_now"] = "4";
        await _host.Services.GetRequiredService<IStateStore>().WriteAsync(
            $"conversation/webchat/{_conversation}", JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), null, CancellationToken.None);
    }

    private async Task<JsonArray> SayAsync(string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"act-{++_activity}",
            ["channelId"] = "webchat",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = UserId },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["conversation"] = new JsonObject { ["id"] = _conversation },
            ["text"] = text,
        };
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
    }

    private async Task<string> TextOfAsync(string text) => (await SayAsync(text)).First(a => a!["text"] is not null)!["text"]!.GetValue<string>();

    /// <summary>Links are absolute under Care:PublicUrl; the test host answers their path.</summary>
    private Task<HttpResponseMessage> GetAsync(string url) =>
        _client.GetAsync(new Uri(url.StartsWith(PublicUrl, StringComparison.Ordinal) ? url[PublicUrl.Length..] : url, UriKind.Relative));

    private static string Link(string text, string kind)
    {
        var match = LinkPattern().Match(text);
        Assert.True(match.Success, text);
        Assert.StartsWith($"{PublicUrl}/private/{kind}/", match.Groups[1].Value, StringComparison.Ordinal);
        return match.Groups[1].Value;
    }

    private static JsonNode Card(JsonArray replies) =>
        replies.SelectMany(a => a!["attachments"]?.AsArray() ?? []).Single(a => a!["contentType"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive")!["content"]!;

    private static string ChartUrl(JsonArray replies) =>
        Card(replies)["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "Image")!["url"]!.GetValue<string>();

    private static double Variance(SKBitmap bitmap)
    {
        var values = bitmap.Pixels.Select(p => (p.Red + p.Green + p.Blue) / 3.0).ToList();
        var mean = values.Average();
        return values.Average(v => (v - mean) * (v - mean));
    }

    private static int Count(SKBitmap bitmap, SKColor color) =>
        bitmap.Pixels.Count(p => Math.Abs(p.Red - color.Red) + Math.Abs(p.Green - color.Green) + Math.Abs(p.Blue - color.Blue) < 30);

    [GeneratedRegex(@"\]\((https?://[^)\s]+)\)")]
    private static partial Regex LinkPattern();
}
