using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BackCareBot.Tests.Shared;
using BackCareBot.Web.Tests.Fakes;
using Xunit.Abstractions;

namespace BackCareBot.Web.Tests;

/// <summary>
/// Two real bot processes on one Azurite container behind a round-robin proxy: 200 Teams conversations of 50 turns
/// each (welcome to the exercise cards, start over, and most of the way again), 5% of the activities retried to the
/// other instance, half while the first attempt is still in flight. Every conversation must get exactly the replies
/// one conversation gets alone, in order: a lost update would change a later question, a duplicate would add a
/// reply, a skipped reply would remove one; and no request may get a 5xx.
/// </summary>
public sealed partial class TwoInstanceTests(ITestOutputHelper output)
{
    private static readonly int Conversations = int.TryParse(Environment.GetEnvironmentVariable("BCB_TWO_INSTANCE_CONVERSATIONS"), out var n) ? n : 200;
    private const int TurnsPerConversation = 50;

    private static readonly string[] Walk =
        ["yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3"];

    /// <summary>Welcome to the exercise cards, then "start over" and the same walk again, cut at 50 turns.</summary>
    private static readonly string[] Script = [.. new[] { "hi" }.Concat(Walk).Concat(["start over"]).Concat(Walk).Concat(["start over"]).Concat(Walk).Take(TurnsPerConversation)];

    [Fact]
    public async Task Ten_thousand_turns_with_retries_to_the_other_instance_lose_nothing_and_send_nothing_twice()
    {
        Assert.Equal(TurnsPerConversation, Script.Length);
        await using var azurite = await Azurite.StartAsync(withQueue: true);
        await using var connector = await ConnectorStandIn.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "bcb-two-" + Guid.NewGuid().ToString("N"));
        await using var one = await BotProcess.StartAsync(data, Settings(azurite, "one"));
        await using var two = await BotProcess.StartAsync(data, Settings(azurite, "two"));
        await using var proxy = await RoundRobinProxy.StartAsync(one.Address, two.Address);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        // The reference: one conversation alone, no retries.
        await RunConversationAsync(client, connector, 0, retries: null);
        var reference = RepliesOf(connector)[ConversationId(0)];
        Assert.True(reference.Count >= TurnsPerConversation, "the reference conversation got fewer replies than turns");

        var clock = Stopwatch.StartNew();
        var retried = 0;
        await Parallel.ForEachAsync(Enumerable.Range(1, Conversations), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, _) =>
        {
            var random = new Random(n);
            Interlocked.Add(ref retried, await RunConversationAsync(client, connector, n, random));
        });
        clock.Stop();

        var replies = RepliesOf(connector);
        var differing = Enumerable.Range(1, Conversations).Where(n => !replies.TryGetValue(ConversationId(n), out var got) || !got.SequenceEqual(reference)).ToList();
        var extra = Enumerable.Range(1, Conversations).Sum(n => Math.Max(0, (replies.GetValueOrDefault(ConversationId(n))?.Count ?? 0) - reference.Count));
        output.WriteLine($"{Conversations * TurnsPerConversation} turns, {retried} retries ({proxy.Rerouted} to the other instance), {clock.Elapsed.TotalSeconds:F1} s");
        if (proxy.Statuses.Any(status => status >= 500))
        {
            // What the bots said about it (their warnings and errors, as an operator would read them).
            foreach (var line in Warnings("one", one).Concat(Warnings("two", two)))
            {
                output.WriteLine(line);
            }
        }

        Assert.True(retried > Conversations * TurnsPerConversation / 40, $"only {retried} retries were made");
        Assert.Equal(retried + Conversations * TurnsPerConversation + TurnsPerConversation, proxy.Statuses.Count);
        Assert.DoesNotContain(proxy.Statuses, status => status >= 500);
        Assert.All(proxy.Statuses, status => Assert.Equal(200, status));
        Assert.True(differing.Count == 0, differing.Count == 0 ? "" : $"{differing.Count} conversations differ from the reference ({extra} replies more than it), e.g. #{differing.FirstOrDefault()}: {FirstDifference(reference, replies.GetValueOrDefault(ConversationId(differing.FirstOrDefault())))}");
        Assert.False(one.HasExited || two.HasExited);
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static readonly string[] Levels = ["warn:", "fail:", "crit:"];

    /// <summary>The first warnings and errors a bot process wrote: each entry's first line and the indented lines after it.</summary>
    private static IEnumerable<string> Warnings(string name, BotProcess bot)
    {
        var inEntry = false;
        return bot.Output.Where(line =>
        {
            // Production lines start with their UTC timestamp ("2026-12-04T04:20:00.000Z warn: ...").
            var header = Levels.Any(level => line.StartsWith(level, StringComparison.Ordinal) || line.Contains("Z " + level, StringComparison.Ordinal));
            inEntry = header || (inEntry && line.StartsWith(' '));
            return inEntry;
        }).Take(60).Select(line => $"{name}: {line}");
    }

    private static Dictionary<string, string?> Settings(Azurite azurite, string instance) => new(BotHost.Anonymous())
    {
        ["Storage:Kind"] = "Blob",
        ["Storage:Blob:ConnectionString"] = azurite.ConnectionString,
        ["Storage:Blob:Container"] = "twoinstances",
        ["Delivery:InstanceId"] = instance,
        // One public address, as behind a real load balancer: the cards' picture links are the same from both.
        ["Care:PublicUrl"] = "https://backcarebot.example/",
    };

    private static string ConversationId(int n) => $"a:two-instances-{n:D3}";

    /// <summary>Posts the script one turn at a time, as a person does; returns how many activities were retried.</summary>
    private static async Task<int> RunConversationAsync(HttpClient client, LocalServer connector, int n, Random? retries)
    {
        var retried = 0;
        for (var turn = 0; turn < Script.Length; turn++)
        {
            var message = TeamsUser.Message(connector, Script[turn], $"1717{n:D4}{turn:D4}");
            message["conversation"]!["id"] = ConversationId(n);
            if (retries is null || retries.NextDouble() >= 0.05)
            {
                using var response = await client.PostActivityAsync(message);
                continue;
            }

            // A Teams retry: while the first attempt is in flight (it seemed to time out), or after it was answered.
            retried++;
            if (retries.Next(2) == 0)
            {
                var first = client.PostActivityAsync(message.DeepClone());
                await Task.Delay(retries.Next(30));
                using var again = await client.PostActivityAsync(message);
                (await first).Dispose();
            }
            else
            {
                (await client.PostActivityAsync(message.DeepClone())).Dispose();
                (await client.PostActivityAsync(message)).Dispose();
            }
        }

        return retried;
    }

    private static string FirstDifference(List<string> reference, List<string>? got)
    {
        got ??= [];
        var at = Enumerable.Range(0, Math.Max(reference.Count, got.Count)).First(i => i >= reference.Count || i >= got.Count || reference[i] != got[i]);
        var expected = reference.ElementAtOrDefault(at) ?? "";
        var actual = got.ElementAtOrDefault(at) ?? "";
        var from = Math.Max(0, Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length)) - 80);
        return $"reply {at}: expected ...{expected[from..Math.Min(expected.Length, from + 200)]}, got ...{actual[from..Math.Min(actual.Length, from + 200)]}";
    }

    /// <summary>
    /// Every reply the Connector received, by conversation, in order: text and cards, with the card data's run id (a
    /// random token each flow run draws, so a card from an earlier run is recognised) left out.
    /// </summary>
    private static Dictionary<string, List<string>> RepliesOf(LocalServer connector) =>
        connector.Requests.Where(r => r.Method == "POST").Select(r => JsonNode.Parse(r.Body)!)
            .GroupBy(a => a["conversation"]?["id"]?.GetValue<string>() ?? "")
            .ToDictionary(g => g.Key, g => g.Select(a => RunId().Replace($"{a["text"]}|{a["attachments"]?.ToJsonString()}", "\"run\":\"*\"")).ToList());

    [GeneratedRegex("\"run\":\"[0-9a-f]+\"")]
    private static partial Regex RunId();
}
