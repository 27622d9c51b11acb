using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BackCareBot.Web.Tests;

/// <summary>
/// Every persona transcript, played over /api/messages in Connector mode with Production settings and telemetry
/// exported to memory (plus the HTTP client instrumentation that the Azure Monitor distro turns on): no exported
/// span attribute, span name, metric tag or log line may hold a message text, a card value, a user id or a
/// conversation id.
/// </summary>
public sealed class TelemetryPrivacyTests
{
    private static readonly Dictionary<string, string[]> Macros = new(StringComparer.Ordinal)
    {
        ["@start"] = ["hi", "yes", "16 to 49", "no", "no"],
        ["@start-zh"] = ["你好", "是", "16到49岁", "没有", "没有"],
        ["@no-flags"] = ["no", "no", "no", "no", "no"],
        ["@no-flags-zh"] = ["没有", "没有", "没有", "没有", "没有"],
    };

    [Fact]
    public async Task No_text_value_or_id_is_exported_from_any_persona_transcript()
    {
        var exportedSpans = new List<Activity>();
        var exportedMetrics = new List<Metric>();
        await using var connector = await ConnectorStandIn.StartAsync();
        var settings = BotHost.Anonymous();
        settings["environment"] = "Production";
        settings["Telemetry:Enabled"] = "true";
        await using var host = new BotHost(settings, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddHttpClientInstrumentation().AddInMemoryExporter(exportedSpans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(exportedMetrics));
        });
        using var client = host.CreateClient();

        var secrets = new List<string>();
        var turns = 0;
        foreach (var file in Directory.GetFiles(Repo.File("tests", "BackCareBot.Care.Tests", "Transcripts"), "*.json").Order(StringComparer.Ordinal))
        {
            var transcript = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            var ids = new Ids();
            secrets.AddRange([ids.Conversation, ids.User, ids.AadObject]);
            var locale = transcript["locale"]?.GetValue<string>() ?? "en-GB";
            await PostAsync(client, Activity(connector.BaseAddress, ids, locale, added: true));
            foreach (var turn in transcript["turns"]!.AsArray())
            {
                foreach (var text in Messages(turn!["say"]))
                {
                    secrets.Add(text);
                    var message = Activity(connector.BaseAddress, ids, locale);
                    message["text"] = text;
                    await PostAsync(client, message);
                    turns++;
                }

                if (turn["submit"] is JsonObject submit)
                {
                    secrets.AddRange(submit.Select(p => p.Value?.ToString() ?? "").Where(v => v.Length > 0));
                    var message = Activity(connector.BaseAddress, ids, locale);
                    message["value"] = submit.DeepClone();
                    await PostAsync(client, message);
                    turns++;
                }
            }

            var marker = $"stiff every morning, marker {Guid.NewGuid():N}";
            secrets.Add(marker);
            var last = Activity(connector.BaseAddress, ids, locale);
            last["text"] = marker;
            await PostAsync(client, last);
            var card = Activity(connector.BaseAddress, ids, locale);
            var value = $"card-value-{Guid.NewGuid():N}";
            secrets.Add(value);
            card["value"] = new JsonObject { ["step"] = "pain_now", ["value"] = value };
            await PostAsync(client, card);
        }

        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        // Sources and meters are process-wide: other tests' turns may still be arriving, so read a snapshot.
        var spans = exportedSpans.ToArray().Where(s => s is not null).ToList();
        var metrics = exportedMetrics.ToArray().Where(m => m is not null).ToList();

        Assert.True(turns > 300, $"only {turns} transcript turns were played");
        Assert.Contains(spans, s => s.OperationName == "turn" && (string?)s.GetTagItem("bot.outcome") == "replied");
        Assert.Contains(spans, s => s.OperationName == "store.write");
        Assert.Contains(spans, s => s.OperationName == "connector");
        Assert.Contains(spans, s => s.GetTagItem("url.full") is not null);
        Assert.Contains(metrics, m => m.Name == "backcarebot.turns");
        // The red-flag personas reach urgent levels: their turns carry the level as a number, and the routing is counted.
        Assert.Contains(spans, s => s.OperationName == "turn" && s.GetTagItem("bot.route") is "message" && s.GetTagItem("bot.warning_sign.level") is 1 or 2);
        Assert.Contains(metrics, m => m.Name == "backcarebot.warning_sign.routings");

        // Short answers ("no", "5", "yes") are substrings of ordinary words; free text, values and ids are not.
        var forbidden = secrets.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).ToArray();
        var exported = spans.SelectMany(SpanStrings).Select(s => ("span", s))
            .Concat(metrics.SelectMany(MetricStrings).Select(s => ("metric", s)))
            .Concat(host.Logs.Lines.Select(s => ("log", s)))
            .ToArray();
        var leaks = exported.SelectMany(e => forbidden.Where(f => Contains(e.Item2, f)).Select(f => $"{e.Item1}: \"{f}\" in \"{e.Item2}\"")).Take(10).ToArray();
        Assert.True(leaks.Length == 0, string.Join('\n', leaks));
    }

    /// <summary>Plain or URL-escaped (ids travel in Connector paths as a%3A1...).</summary>
    private static bool Contains(string exported, string secret) =>
        exported.Contains(secret, StringComparison.OrdinalIgnoreCase) || exported.Contains(Uri.EscapeDataString(secret), StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> SpanStrings(Activity span) =>
        new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static IEnumerable<string> MetricStrings(Metric metric)
    {
        var strings = new List<string> { metric.Name };
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                strings.Add($"{metric.Name} {tag.Key}={tag.Value}");
            }
        }

        return strings;
    }

    private static async Task PostAsync(HttpClient client, JsonNode activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonNode Activity(Uri serviceUrl, Ids ids, string locale, bool added = false)
    {
        var activity = ConnectorStandIn.Fixture(added ? "teams-conversationUpdate-personal-bot-added.json" : "teams-message-personal-text.json", serviceUrl);
        activity["id"] = $"act{Guid.NewGuid():N}";
        activity["locale"] = locale;
        activity["conversation"]!["id"] = ids.Conversation;
        activity["from"]!["id"] = ids.User;
        activity["from"]!["aadObjectId"] = ids.AadObject;
        if (!added)
        {
            activity.AsObject().Remove("text");
        }

        return activity;
    }

    private static IEnumerable<string> Messages(JsonNode? say) => say switch
    {
        null => [],
        JsonValue v => Expand(v.GetValue<string>()),
        JsonArray a => a.SelectMany(m => Expand(m!.GetValue<string>())),
        _ => throw new InvalidDataException("say must be a string or an array"),
    };

    private static string[] Expand(string message) => Macros.TryGetValue(message, out var expanded) ? expanded : [message];

    private sealed class Ids
    {
        public string Conversation { get; } = $"a:1conv{Guid.NewGuid():N}";

        public string User { get; } = $"29:1user{Guid.NewGuid():N}";

        public string AadObject { get; } = Guid.NewGuid().ToString();
    }
}
