using BackCareBot.Care.Content;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Localization;

/// <summary>Strings by key for "en" and "zh-CN", with {name} placeholders; falls back to English.</summary>
public sealed class Localizer(CareContent content)
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    public string Text(string locale, string key) =>
        content.Locales.TryGetValue(locale, out var file) && file.Strings.TryGetValue(key, out var text) ? text
        : content.Locales[English].Strings.TryGetValue(key, out var english) ? english
        : key;

    public string Text(string locale, string key, string name, string value) => Text(locale, key).Replace("{" + name + "}", value, StringComparison.Ordinal);

    /// <summary>Label and synonyms in both languages, so a user can answer in either.</summary>
    public IReadOnlyList<string> Phrases(string key)
    {
        var phrases = new List<string>();
        foreach (var file in content.Locales.Values)
        {
            if (file.Strings.TryGetValue(key, out var label))
            {
                phrases.Add(label);
            }

            if (file.Synonyms.TryGetValue(key, out var synonyms))
            {
                phrases.AddRange(synonyms);
            }
        }

        return phrases;
    }

    /// <summary>The user's choice wins; otherwise the activity's locale, then its clientInfo entity.</summary>
    public static string Resolve(string? chosen, Activity activity)
    {
        if (chosen is not null)
        {
            return chosen;
        }

        var locale = ClientInfo.Locale(activity);
        return locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
    }
}
