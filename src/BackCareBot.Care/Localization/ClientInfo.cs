using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Localization;

/// <summary>What the user's client says about itself: the <c>clientInfo</c> entity Teams and Web Chat send.</summary>
public static class ClientInfo
{
    public static string? Field(Activity activity, string name) =>
        activity.Entities?.Find(e => e.Type == "clientInfo")?.GetString(name);

    /// <summary>The user's locale: the activity's own, else the one in clientInfo.</summary>
    public static string? Locale(Activity activity) => activity.Locale ?? Field(activity, "locale");
}
