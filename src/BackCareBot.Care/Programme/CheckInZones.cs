using System.Globalization;
using System.Text.RegularExpressions;
using BackCareBot.Dialogs.Recognition;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Programme;

/// <summary>
/// The user's time zone for check-ins: the IANA id the channel gives (Teams' clientInfo <c>timezone</c>, Web Chat's
/// <c>localTimezone</c>), or, when it gives none, the one the user picks or types once: an IANA id
/// ("Asia/Shanghai"), a city ("London", "new york", 上海) or a UTC offset ("UTC+8", "GMT-5", "+05:30").
/// </summary>
public static partial class CheckInZones
{
    /// <summary>A few zones to pick from, by the country of the locale (the first entry: the locale's language only).</summary>
    private static readonly Dictionary<string, string[]> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GB"] = ["Europe/London", "Europe/Dublin", "Europe/Paris", "UTC"],
        ["IE"] = ["Europe/Dublin", "Europe/London", "UTC"],
        ["US"] = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Pacific/Honolulu"],
        ["CA"] = ["America/Toronto", "America/Winnipeg", "America/Edmonton", "America/Vancouver", "America/Halifax"],
        ["AU"] = ["Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth"],
        ["NZ"] = ["Pacific/Auckland"],
        ["IN"] = ["Asia/Kolkata"],
        ["SG"] = ["Asia/Singapore"],
        ["CN"] = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore"],
        ["HK"] = ["Asia/Hong_Kong", "Asia/Shanghai"],
        ["TW"] = ["Asia/Taipei", "Asia/Shanghai"],
        ["zh"] = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "America/New_York", "Europe/London"],
        ["en"] = ["Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Asia/Singapore", "Australia/Sydney", "UTC"],
    };

    /// <summary>Cities people type in Chinese, with their zones.</summary>
    private static readonly Dictionary<string, string> ChineseCities = new(StringComparer.Ordinal)
    {
        ["北京"] = "Asia/Shanghai", ["上海"] = "Asia/Shanghai", ["中国"] = "Asia/Shanghai", ["广州"] = "Asia/Shanghai", ["深圳"] = "Asia/Shanghai",
        ["成都"] = "Asia/Shanghai", ["香港"] = "Asia/Hong_Kong", ["澳门"] = "Asia/Macau", ["台北"] = "Asia/Taipei", ["新加坡"] = "Asia/Singapore",
        ["东京"] = "Asia/Tokyo", ["首尔"] = "Asia/Seoul", ["伦敦"] = "Europe/London", ["巴黎"] = "Europe/Paris", ["纽约"] = "America/New_York",
        ["洛杉矶"] = "America/Los_Angeles", ["多伦多"] = "America/Toronto", ["温哥华"] = "America/Vancouver", ["悉尼"] = "Australia/Sydney", ["墨尔本"] = "Australia/Melbourne",
    };

    /// <summary>Every zone this machine knows, by its id and by its city ("new york"), lower case.</summary>
    private static readonly Lazy<Dictionary<string, string>> Known = new(() =>
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            known.TryAdd(zone.Id.ToLowerInvariant(), zone.Id);
            if (zone.Id.LastIndexOf('/') is var slash and > 0 && !zone.Id.StartsWith("Etc/", StringComparison.Ordinal))
            {
                known.TryAdd(zone.Id[(slash + 1)..].Replace('_', ' ').ToLowerInvariant(), zone.Id);
            }
        }

        return known;
    });

    /// <summary>The IANA zone the channel gave, or null when it gave none (the user is then asked once).</summary>
    public static string? Named(Activity activity)
    {
        var named = activity.LocalTimezone ?? activity.Entities?.Find(e => e.Type == "clientInfo")?.GetString("timezone");
        return CheckInSchedule.IsKnownZone(named) ? named : null;
    }

    /// <summary>The zones to offer for a locale ("en-GB", "zh-CN"): its country's, else its language's.</summary>
    public static IReadOnlyList<string> For(string? locale)
    {
        var parts = (locale ?? "").Split('-', StringSplitOptions.RemoveEmptyEntries);
        var zones = parts.Length > 1 && Common.TryGetValue(parts[^1], out var country) ? country
            : Common.TryGetValue(parts.FirstOrDefault() ?? "", out var language) ? language : Common["en"];
        return [.. zones.Where(CheckInSchedule.IsKnownZone)];
    }

    /// <summary>A zone's label with its offset now: "Europe/London (UTC+00:00)".</summary>
    public static string Label(string id, DateTimeOffset now)
    {
        var offset = CheckInSchedule.Zone(id).GetUtcOffset(now);
        return $"{id} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():hh\\:mm})";
    }

    /// <summary>The zone a typed answer names, or null: an IANA id, a city, or a UTC offset.</summary>
    public static string? Resolve(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length is 0 or > 60)
        {
            return null;
        }

        if (CheckInSchedule.IsKnownZone(trimmed) && trimmed.Contains('/', StringComparison.Ordinal))
        {
            return trimmed;
        }

        var compact = trimmed.Replace(" ", "", StringComparison.Ordinal).TrimEnd('市');
        if (ChineseCities.TryGetValue(compact, out var chinese))
        {
            return chinese;
        }

        if (Offset().Match(compact.ToUpperInvariant()) is { Success: true } offset)
        {
            return FromOffset(offset.Groups[1].Value == "-" ? -1 : 1, int.Parse(offset.Groups[2].Value, CultureInfo.InvariantCulture), offset.Groups[3].Success ? int.Parse(offset.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
        }

        var normalized = TextNormalizer.Normalize(trimmed.Replace('_', ' ').Replace('/', ' '));
        var key = trimmed.ToLowerInvariant();
        return Known.Value.TryGetValue(key, out var id) || Known.Value.TryGetValue(normalized, out id) ? id : null;
    }

    /// <summary>
    /// A whole-hour offset is IANA's fixed-offset zone (which counts the other way: UTC+8 is Etc/GMT-8); another
    /// offset (UTC+05:30) is the first zone without daylight saving that keeps it.
    /// </summary>
    private static string? FromOffset(int sign, int hours, int minutes)
    {
        if (hours > 14 || minutes is not (0 or 30 or 45))
        {
            return null;
        }

        if (minutes == 0)
        {
            return hours == 0 ? "UTC" : $"Etc/GMT{(sign > 0 ? "-" : "+")}{hours}";
        }

        var wanted = TimeSpan.FromMinutes(sign * ((hours * 60) + minutes));
        return TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => z.BaseUtcOffset == wanted && !z.SupportsDaylightSavingTime && z.Id.Contains('/', StringComparison.Ordinal))?.Id;
    }

    [GeneratedRegex(@"^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Offset();
}
