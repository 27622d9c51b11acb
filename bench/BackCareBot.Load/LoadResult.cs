using System.Diagnostics;
using System.Text.Json;

namespace BackCareBot.Load;

/// <summary>Measured turns (sorted latencies in Stopwatch ticks), failures and finished conversations, as JSON.</summary>
public sealed class LoadResult(LoadSettings settings, long[] latencies, int failures, int conversations)
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
        json.WriteNumber("turns", latencies.Length);
        json.WriteNumber("failures", failures);
        json.WriteNumber("conversations", conversations);
        json.WriteNumber("turnsPerSecond", Math.Round(latencies.Length / settings.Duration.TotalSeconds, 1));
        json.WriteNumber("p50Ms", Percentile(0.50));
        json.WriteNumber("p95Ms", Percentile(0.95));
        json.WriteNumber("p99Ms", Percentile(0.99));
        json.WriteNumber("maxMs", latencies.Length == 0 ? 0 : Milliseconds(latencies[^1]));
        json.WriteEndObject();
    }

    /// <summary>Nearest-rank percentile.</summary>
    private double Percentile(double p) =>
        latencies.Length == 0 ? 0 : Milliseconds(latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)]);

    private static double Milliseconds(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 2);
}
