using BackCareBot.Care.Content;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Triage;

/// <summary>The emergency (and urgent, where there is one) number for the user's country, from the locale or clientInfo.</summary>
public sealed class EmergencyDirectory(CareContent content)
{
    public EmergencyNumbers For(string? country)
    {
        if (country is { Length: 2 })
        {
            var upper = country.ToUpperInvariant();
            var region = content.Emergency.Regions.Find(r => r.Region == upper || r.Countries?.Contains(upper) == true);
            if (region is not null)
            {
                return region;
            }
        }

        return content.Emergency.Default;
    }

    /// <summary>clientInfo.country first, then the region of the locale ("en-GB" -> GB, "zh-CN" -> CN).</summary>
    public static string? Country(Activity activity, string? storedCountry)
    {
        if (storedCountry is not null)
        {
            return storedCountry;
        }

        var fromClient = activity.Entities?.Find(e => e.Type == "clientInfo")?.GetString("country");
        if (fromClient is { Length: 2 })
        {
            return fromClient;
        }

        var locale = activity.Locale ?? activity.Entities?.Find(e => e.Type == "clientInfo")?.GetString("locale");
        var dash = locale?.LastIndexOf('-') ?? -1;
        return dash > 0 && locale!.Length - dash == 3 ? locale[(dash + 1)..] : null;
    }
}
