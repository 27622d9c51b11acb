using System.Globalization;

namespace BackCareBot.Load;

public sealed record LoadSettings(Uri Url, string Label, int Users, TimeSpan Warmup, TimeSpan Duration, long MaxTurns, string ScriptPath, int ConnectorPort, int? BotPid = null, string? SamplesPath = null)
{
    public static LoadSettings Parse(IReadOnlyList<string> args)
    {
        string Value(string name, string fallback)
        {
            var index = args.ToList().IndexOf(name);
            return index >= 0 && index + 1 < args.Count ? args[index + 1] : fallback;
        }

        var url = new Uri(Value("--url", "http://127.0.0.1:3978/api/messages"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException("The load generator only targets loopback addresses.");
        }

        return new LoadSettings(
            url,
            Value("--label", "run"),
            int.Parse(Value("--users", "8"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--warmup", "10"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Value("--duration", "30"), CultureInfo.InvariantCulture)),
            long.Parse(Value("--max-turns", "5000000"), CultureInfo.InvariantCulture),
            Value("--script", Path.Combine(AppContext.BaseDirectory, "conversation.json")),
            int.Parse(Value("--connector-port", "3990"), CultureInfo.InvariantCulture),
            Value("--bot-pid", "") is { Length: > 0 } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Value("--samples", "") is { Length: > 0 } samples ? samples : null);
    }
}
