using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Triage;

/// <summary>
/// The emergency (and urgent, where there is one) number for the user's country, from the locale or clientInfo, and
/// the words that go with it: a region's own names for services (A&amp;E and GP only for the UK) are locale keys with
/// the region as suffix ("place.ed.GB"), used when the user's locale has them.
/// </summary>
public sealed class EmergencyDirectory(CareContent content)
{
    /// <summary>The numbers for a country; the default numbers when the country is unknown or not listed.</summary>
    public EmergencyNumbers For(string? country) => Find(country) ?? content.Emergency.Default;

    /// <summary>
    /// Fills {number}, {urgent}, {ed} (emergency department) and {gp} in a text. When the country is unknown or not
    /// listed, the number is that of the language's region (zh-CN: 120) or the default, with "or your local
    /// emergency number".
    /// </summary>
    public string Fill(string text, string locale, string? country)
    {
        var known = Find(country);
        var numbers = known
            ?? (content.Emergency.Locales.TryGetValue(locale, out var region) ? Find(region) : null)
            ?? content.Emergency.Default;
        var number = known is null ? numbers.Emergency + Text(locale, "emergency.or_local", null) : numbers.Emergency;
        var regionId = known?.Region;
        var urgent = known?.Urgent is { } urgentNumber
            ? Text(locale, "level.urgent.number", regionId).Replace("{urgentNumber}", urgentNumber, StringComparison.Ordinal)
            : Text(locale, "level.urgent.none", regionId);
        return text.Replace("{urgent}", urgent, StringComparison.Ordinal)
            .Replace("{number}", number, StringComparison.Ordinal)
            .Replace("{ed}", Text(locale, "place.ed", regionId), StringComparison.Ordinal)
            .Replace("{gp}", Text(locale, "place.gp", regionId), StringComparison.Ordinal);
    }

    /// <summary>clientInfo.country first, then the region of the locale ("en-GB" -> GB, "zh-CN" -> CN).</summary>
    public static string? Country(Activity activity, string? storedCountry)
    {
        if (storedCountry is not null)
        {
            return storedCountry;
        }

        var fromClient = ClientInfo.Field(activity, "country");
        if (fromClient is { Length: 2 })
        {
            return fromClient;
        }

        var locale = ClientInfo.Locale(activity);
        var dash = locale?.LastIndexOf('-') ?? -1;
        return dash > 0 && locale!.Length - dash == 3 ? locale[(dash + 1)..] : null;
    }

    private EmergencyNumbers? Find(string? country)
    {
        if (country is not { Length: 2 })
        {
            return null;
        }

        var upper = country.ToUpperInvariant();
        return content.Emergency.Regions.Find(r => r.Region == upper || r.Countries?.Contains(upper) == true);
    }

    /// <summary>The region's own wording where the locale has it ("place.ed.GB"), else the locale's, else English.</summary>
    private string Text(string locale, string key, string? region)
    {
        var strings = content.Locales.TryGetValue(locale, out var file) ? file.Strings : content.Locales["en"].Strings;
        return region is not null && strings.TryGetValue($"{key}.{region}", out var regional) ? regional
            : strings.TryGetValue(key, out var text) ? text
            : content.Locales["en"].Strings.GetValueOrDefault(key, key);
    }
}
