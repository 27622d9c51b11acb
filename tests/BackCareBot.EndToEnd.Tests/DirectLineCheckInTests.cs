using System.Text.Json.Nodes;
using BackCareBot.Web.Care;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>
/// Check-ins in the local Web Chat, as a person tries them by hand with a short interval (<c>CheckIn:Every</c>): the
/// bot starts the message itself, so it must reach the page's Direct Line conversation, not a Connector.
/// </summary>
public sealed class DirectLineCheckInTests
{
    /// <summary>Typed from the welcome to "Shall I check in with you tomorrow morning?" and yes.</summary>
    private static readonly string[] ToOptIn =
        ["yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3", "no", "no", "yes"];

    [Fact]
    public async Task With_a_short_interval_a_check_in_reaches_the_web_chat_conversation_and_none_comes_after_stop()
    {
        var time = new ManualTime();
        await using var host = await BotHost.StartAsync(
            new() { ["CheckIn:Every"] = "00:01:00", ["CheckIn:PollInterval"] = "01:00:00" },
            s => s.AddSingleton<TimeProvider>(time));
        var scheduler = host.Services.GetRequiredService<CheckInScheduler>();
        using var client = new DirectLineClient(host.Address);
        var (conversationId, token) = await client.StartAsync();
        var seen = 0;
        async Task<List<JsonObject>> NewFromBotAsync()
        {
            var all = (await client.ActivitiesAsync(conversationId, token))["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
            var fresh = all.Skip(seen).Where(a => a["from"]!["id"]!.GetValue<string>() == "backcarebot").ToList();
            seen = all.Count;
            return fresh;
        }

        var step = 0;
        foreach (var text in ToOptIn)
        {
            using var posted = await client.PostMessageAsync(conversationId, token, text, $"c{++step}");
            posted.EnsureSuccessStatusCode();
        }

        Assert.Contains(await NewFromBotAsync(), a => a["text"]?.GetValue<string>().StartsWith("Done: I'll check in", StringComparison.Ordinal) == true);

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await scheduler.SweepAsync(CancellationToken.None));

        var checkIn = await NewFromBotAsync();
        Assert.Contains(checkIn, a => a["text"]?.GetValue<string>() == "Good morning! It's BackCareBot checking in.");
        var card = Assert.Single(checkIn.SelectMany(a => a["attachments"]?.AsArray() ?? []), c => c!["contentType"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive");
        Assert.Contains("Pain this morning (0 = none, 10 = worst)", card!["content"]!.ToJsonString(), StringComparison.Ordinal);

        // Answered by typing, the card's questions come one by one; then the day's exercises.
        foreach (var text in new[] { "2", "less than 30 minutes", "on my back", "yes", "no" })
        {
            using var posted = await client.PostMessageAsync(conversationId, token, text, $"c{++step}");
            posted.EnsureSuccessStatusCode();
        }

        Assert.Contains(await NewFromBotAsync(), a => a["text"]?.GetValue<string>().StartsWith("Here are exercises that fit your pain today", StringComparison.Ordinal) == true);

        using (var stop = await client.PostMessageAsync(conversationId, token, "stop check-ins", $"c{++step}"))
        {
            stop.EnsureSuccessStatusCode();
        }

        Assert.Contains(await NewFromBotAsync(), a => a["text"]?.GetValue<string>().StartsWith("OK, no more check-ins", StringComparison.Ordinal) == true);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await scheduler.SweepAsync(CancellationToken.None));
        Assert.Empty(await NewFromBotAsync());
    }
}
