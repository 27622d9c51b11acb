using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Web.Care;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>
/// The programme over days as a new user meets it, through the real host on a clock the test moves: messages and card
/// presses over /api/messages (Web Chat, replies in the response), check-ins sent by the scheduler through a local
/// Connector, and the chart's PNG fetched over HTTP.
/// </summary>
public sealed class ProgrammeEndToEndTests : IAsyncLifetime
{
    private const string PublicUrl = "https://bot.example";

    /// <summary>The first check to the check-in offer: no warning signs, sleep questions, the assessment (pain 3), the two daily-life questions.</summary>
    private static readonly string[] ToOffer = ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3", "no", "no"];

    /// <summary>Monday 7 December 2026, 09:00 in London (UTC+0 in winter): the day the user opts in.</summary>
    private static readonly DateTimeOffset OptInDay = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new();
    private readonly string _conversation = "conv-programme-" + Guid.NewGuid().ToString("N")[..8];
    private LocalServer _connector = null!;
    private BotHost _host = null!;
    private HttpClient _client = null!;
    private int _activity;

    public async Task InitializeAsync()
    {
        _clock.SetUtcNow(OptInDay);
        _connector = await ConnectorStandIn.StartAsync();
        var settings = BotHost.Anonymous();
        settings["Care:PublicUrl"] = PublicUrl;
        // The test sweeps by hand; the background sweep runs only at start-up.
        settings["CheckIn:PollInterval"] = "30.00:00:00";
        _host = new BotHost(settings, services => services.AddSingleton<TimeProvider>(_clock));
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_new_user_opts_in_at_07_30_checks_in_on_the_card_three_days_sees_the_diary_and_chart_gets_a_stepped_up_plan_and_stops()
    {
        foreach (var text in ToOffer.Append("yes"))
        {
            await SayAsync(text);
        }

        Assert.Contains("Next check-in: 2026-12-08 07:30 (Europe/London)", Text(await SayAsync("check-in at 7:30")), StringComparison.Ordinal);

        int[] pains = [3, 2, 2];
        Dictionary<string, int> reps = [];
        for (var day = 1; day <= 3; day++)
        {
            var replies = await CheckInAsync(day, pains[day - 1]);
            Assert.DoesNotContain("nothing hurting", Text(replies), StringComparison.Ordinal);
            reps = Reps(replies);
            Assert.NotEmpty(reps);
            // A different exercise each day is marked Done from its card.
            var done = await SubmitAsync(Feedback(replies, "exercise.done").ElementAt(day - 1));
            Assert.Contains("Well done", Text(done), StringComparison.Ordinal);
        }

        // The diary, the trend and the chart card; its PNG comes from the bot's own link.
        var progress = await SayAsync("my progress");
        var summary = Text(progress);
        Assert.Contains("- 2026-12-08: 3/10, About the same\n- 2026-12-09: 2/10, Better\n- 2026-12-10: 2/10, About the same", summary, StringComparison.Ordinal);
        Assert.Contains("from 3/10 to 2/10 over 3 check-ins", summary, StringComparison.Ordinal);
        var chart = Cards(progress).Single(c => c["body"]!.AsArray().Any(e => e!["type"]!.GetValue<string>() == "Image"));
        var image = chart["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "Image")!;
        Assert.False(string.IsNullOrWhiteSpace(image["altText"]?.GetValue<string>()));
        var url = image["url"]!.GetValue<string>();
        Assert.StartsWith(PublicUrl + "/private/chart/", url, StringComparison.Ordinal);
        var png = await _client.GetAsync(new Uri(url[PublicUrl.Length..], UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);

        // Exercises done on days 1-3 with nothing hurting: the fourth morning's plan steps up and says why.
        var fourth = await CheckInAsync(4, 2);
        Assert.Contains("You did your exercises with nothing hurting on 3 of the last 4 days, so today's cards have 2 more repeats.", Text(fourth), StringComparison.Ordinal);
        var stepped = Reps(fourth);
        Assert.Equal(reps.Keys.Order(), stepped.Keys.Order());
        Assert.Contains(stepped, s => s.Value == reps[s.Key] + 2);

        Assert.Contains("no more check-ins", Text(await SayAsync("stop check-ins")), StringComparison.Ordinal);
        var sent = _connector.Requests.Count;
        for (var day = 5; day <= 7; day++)
        {
            _clock.SetUtcNow(Morning(day).AddMinutes(1));
            Assert.Equal(0, await SweepAsync());
        }

        Assert.Equal(sent, _connector.Requests.Count);
    }

    /// <summary>Programme day n at 07:30 London time.</summary>
    private static DateTimeOffset Morning(int day) => new DateTimeOffset(2026, 12, 7, 7, 30, 0, TimeSpan.Zero).AddDays(day);

    /// <summary>
    /// Day n's check-in: none a minute before 07:30, then the scheduler sends the greeting and the card through the
    /// Connector; the user picks stiffness, position and "did yesterday's exercises", taps the pain score, and answers
    /// "no" to new warning signs. The replies of that last answer (the plan and today's exercise cards).
    /// </summary>
    private async Task<JsonArray> CheckInAsync(int day, int pain)
    {
        _clock.SetUtcNow(Morning(day).AddMinutes(-1));
        Assert.Equal(0, await SweepAsync());
        var before = _connector.Requests.Count;
        _clock.SetUtcNow(Morning(day).AddMinutes(1));
        Assert.Equal(1, await SweepAsync());
        var sent = _connector.Requests.Skip(before).Where(r => r.Method == "POST").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Contains(sent, a => a["text"]?.GetValue<string>().Contains("Good morning", StringComparison.Ordinal) == true);
        var card = sent.SelectMany(a => a["attachments"]?.AsArray() ?? []).Select(a => a!["content"]!)
            .Single(c => All(c).Any(o => o["id"]?.GetValue<string>() == "exercised"));

        var asked = await SubmitAsync(Press(card, pain.ToString(CultureInfo.InvariantCulture), new JsonObject { ["stiffness"] = "under30", ["slept"] = "back", ["exercised"] = "yes" }));
        Assert.Contains("numbness", Text(asked), StringComparison.Ordinal);
        return await SayAsync("no");
    }

    private Task<int> SweepAsync() => _host.Services.GetRequiredService<CheckInScheduler>().SweepAsync(CancellationToken.None);

    private Task<JsonArray> SayAsync(string text) => SendAsync(new JsonObject { ["text"] = text });

    private Task<JsonArray> SubmitAsync(JsonObject value) => SendAsync(new JsonObject { ["value"] = value });

    private async Task<JsonArray> SendAsync(JsonObject activity)
    {
        activity["type"] = "message";
        activity["id"] = $"act-{++_activity}";
        activity["channelId"] = "webchat";
        activity["serviceUrl"] = _connector.BaseAddress.ToString();
        activity["deliveryMode"] = "expectReplies";
        activity["locale"] = "en-GB";
        activity["localTimezone"] = "Europe/London";
        activity["from"] = new JsonObject { ["id"] = "user-programme" };
        activity["recipient"] = new JsonObject { ["id"] = "bot" };
        activity["conversation"] = new JsonObject { ["id"] = _conversation };
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
    }

    /// <summary>What Web Chat sends for a card button: the button's data (with its verb) and the card's inputs.</summary>
    private static JsonObject Press(JsonNode card, string title, JsonObject inputs)
    {
        var action = All(card).First(o => o["type"]?.GetValue<string>() is "Action.Submit" or "Action.Execute" && o["title"]?.GetValue<string>() == title);
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        if (action["verb"] is { } verb)
        {
            data["verb"] = verb.GetValue<string>();
        }

        foreach (var (name, value) in inputs)
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }

    private static string Text(JsonArray replies) => string.Join("\n", replies.Select(a => a!["text"]?.GetValue<string>()).OfType<string>());

    private static List<JsonNode> Cards(JsonArray replies) =>
        [.. replies.SelectMany(a => a!["attachments"]?.AsArray() ?? []).Where(a => a!["contentType"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive").Select(a => a!["content"]!)];

    /// <summary>The data of each exercise card's button with that verb, in card order.</summary>
    private static IEnumerable<JsonObject> Feedback(JsonArray replies, string verb) =>
        Cards(replies).Select(c => All(c).FirstOrDefault(o => Verb(o) == verb)).OfType<JsonObject>().Select(a =>
        {
            var data = a["data"]!.DeepClone().AsObject();
            data["verb"] = verb;
            return data;
        });

    private static string? Verb(JsonObject action) => action["verb"]?.GetValue<string>() ?? action["data"]?["verb"]?.GetValue<string>();

    /// <summary>Each exercise card's id and repeats ("7 times, hold 5 s, ..." -> 7).</summary>
    private static Dictionary<string, int> Reps(JsonArray replies) =>
        Cards(replies).Where(c => All(c).Any(o => Verb(o) == "exercise.done")).ToDictionary(
            c => All(c).First(o => Verb(o) == "exercise.done")["data"]!["exercise"]!.GetValue<string>(),
            c => int.Parse(All(c).First(o => o["type"]?.GetValue<string>() == "FactSet")["facts"]![0]!["value"]!.GetValue<string>().Split(' ')[0], CultureInfo.InvariantCulture));

    private static IEnumerable<JsonObject> All(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => All(p.Value))),
        JsonArray a => a.SelectMany(All),
        _ => [],
    };
}
