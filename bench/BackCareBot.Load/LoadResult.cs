using System.Diagnostics;
using System.Text.Json;

namespace BackCareBot.Load;

/// <summary>Measured turns and conversations (sorted latencies in Stopwatch ticks), failures and replies, as JSON.</summary>
public sealed class LoadResult(LoadSettings settings, int turnsPerConversation, long[] turns, long[] conversations, int failures, int allFailures, long replies, long replyBytes, long allTurns, SteadyCpu? steady = null, long[][]? steps = null)
{
    public void WriteJson(Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("label", settings.Label);
        json.WriteString("url", settings.Url.ToString());
        json.WriteNumber("users", settings.Users);
        json.WriteNumber("warmupSeconds", settings.Warmup.TotalSeconds);
        json.WriteNumber("measureSeconds", settings.Duration.TotalSeconds);
        json.WriteNumber("turnsPerConversation", turnsPerConversation);
        json.WriteNumber("turns", turns.Length);
        json.WriteNumber("allTurns", allTurns);
        json.WriteNumber("failures", failures);
        json.WriteNumber("allFailures", allFailures);
        json.WriteNumber("turnsPerSecond", Math.Round(turns.Length / settings.Duration.TotalSeconds, 1));
        json.WriteNumber("p50Ms", Percentile(turns, 0.50));
        json.WriteNumber("p95Ms", Percentile(turns, 0.95));
        json.WriteNumber("p99Ms", Percentile(turns, 0.99));
        json.WriteNumber("maxMs", turns.Length == 0 ? 0 : Milliseconds(turns[^1]));
        json.WriteNumber("repliesPerTurn", turns.Length == 0 ? 0 : Math.Round((double)replies / turns.Length, 2));
        json.WriteNumber("replyBytesPerTurn", turns.Length == 0 ? 0 : Math.Round((double)replyBytes / turns.Length));
        json.WriteNumber("conversations", conversations.Length);
        json.WriteNumber("conversationsPerSecond", Math.Round(conversations.Length / settings.Duration.TotalSeconds, 2));
        json.WriteNumber("conversationP50Ms", Percentile(conversations, 0.50));
        json.WriteNumber("conversationP99Ms", Percentile(conversations, 0.99));
        if (steady is { Turns: > 0 } window)
        {
            // The bot's CPU in the measured window only, over the turns that ended in it (see LoadRun.SteadyCpuAsync).
            json.WriteNumber("steadyCpuMs", window.CpuMs);
            json.WriteNumber("steadyTurns", window.Turns);
            json.WriteNumber("steadyCpuMsPerTurn", Math.Round(window.CpuMs / window.Turns, 3));
        }
        if (steps is not null)
        {
            // Per script step (1-based, as bench/conversation.json lists them): which turns make the tail.
            var p99 = turns.Length == 0 ? 0 : turns[Math.Clamp((int)Math.Ceiling(0.99 * turns.Length) - 1, 0, turns.Length - 1)];
            json.WriteStartArray("steps");
            for (var t = 0; t < steps.Length; t++)
            {
                var step = steps[t];
                json.WriteStartObject();
                json.WriteNumber("step", t + 1);
                json.WriteNumber("turns", step.Length);
                json.WriteNumber("p50Ms", Percentile(step, 0.50));
                json.WriteNumber("p99Ms", Percentile(step, 0.99));
                json.WriteNumber("maxMs", step.Length == 0 ? 0 : Milliseconds(step[^1]));
                // How many of the measured turns slower than the overall p99 are this step's.
                json.WriteNumber("overP99", step.Count(x => x > p99));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>Failed turns in the whole run, warm-up included: a reply that does not match the script (a stale recording) fails the run.</summary>
    public int AllFailures => allFailures;

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Milliseconds(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Milliseconds(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 2);
}

/// <summary>The bot's CPU (ms) over the measured window and the turns that ended in it.</summary>
public sealed record SteadyCpu(double CpuMs, long Turns);
