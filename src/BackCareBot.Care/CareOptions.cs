namespace BackCareBot.Care;

public sealed class CareOptions
{
    /// <summary>The folder holding dialogs/ content; defaults to the copy next to the app.</summary>
    public string? ContentFolder { get; set; }

    public const string LocalUrl = "http://localhost:3978";

    /// <summary>
    /// Where users' clients fetch the bot's images from (HTTPS in production). Unset, it is the first address the
    /// bot listens on, known once the server has started (until then, and without a server, <see cref="LocalUrl"/>).
    /// </summary>
    public string? PublicUrl { get; set; }

    public string ImageBaseUrl => PublicUrl is { Length: > 0 } url ? url : LocalUrl;
}
