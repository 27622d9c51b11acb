namespace BackCareBot.Care;

public sealed class CareOptions
{
    /// <summary>The folder holding dialogs/ content; defaults to the copy next to the app.</summary>
    public string? ContentFolder { get; set; }

    /// <summary>Where users' clients fetch the bot's images from (HTTPS in production).</summary>
    public string PublicUrl { get; set; } = "http://localhost:3978";
}
