namespace BackCareBot.Web.DirectLine;

/// <summary>Settings of the bot's own Direct Line 3.0 endpoint (configuration section "DirectLine").</summary>
public sealed class DirectLineOptions
{
    /// <summary>When set, clients that present it as a Bearer secret may generate tokens from anywhere.</summary>
    public string? Secret { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Conversations kept in memory; the least recently used one is dropped beyond this.</summary>
    public int MaxConversations { get; set; } = 1000;

    /// <summary>Activities kept per conversation; the oldest are dropped beyond this.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>A conversation nobody touched for this long is forgotten.</summary>
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Activities a conversation may post per <see cref="PostWindow"/>.</summary>
    public int PostsPerWindow { get; set; } = 30;

    public TimeSpan PostWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle WebSocket gets an empty keep-alive frame.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);
}
