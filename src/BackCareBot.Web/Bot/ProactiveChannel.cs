using BackCareBot.Protocol.Auth;
using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using BackCareBot.Web.DirectLine;

namespace BackCareBot.Web.Bot;

/// <summary>
/// Where a message the bot starts goes (a check-in, replies delivered by the sweep): a conversation of the local
/// Direct Line (the Web Chat page) into its conversation log, as its turns' replies do; any other to the Connector,
/// trusting the service URL it names, since it came from an authenticated activity when it was stored. A local
/// Direct Line conversation that has expired or did not survive a restart answers 404, as a Connector does for a
/// conversation the bot can no longer reach.
/// </summary>
public sealed class ProactiveChannel(ConnectorClient connector, TrustedServiceUrls trusted, DirectLineConversationStore conversations, TimeProvider time)
    : IChannelSender
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) =>
        IsLocal(activity.ChannelId, activity.ServiceUrl)
            ? Local(activity.Conversation?.Id).SendAsync(activity, cancellationToken)
            : Connector(activity.ServiceUrl).SendAsync(activity, cancellationToken);

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) =>
        IsLocal(activity.ChannelId, activity.ServiceUrl)
            ? Local(activity.Conversation?.Id).UpdateAsync(activity, cancellationToken)
            : Connector(activity.ServiceUrl).UpdateAsync(activity, cancellationToken);

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) =>
        IsLocal(reference.ChannelId, reference.ServiceUrl)
            ? Local(reference.Conversation?.Id).DeleteAsync(reference, activityId, cancellationToken)
            : Connector(reference.ServiceUrl).DeleteAsync(reference, activityId, cancellationToken);

    /// <summary>Only what goes to the Connector: a local Direct Line conversation does not outlive the process.</summary>
    public bool DeliversAfterRestart(Activity activity) => !IsLocal(activity.ChannelId, activity.ServiceUrl);

    /// <summary>
    /// The local Direct Line stamps its own channel id and a service URL under its base path; Azure Bot Service's Web
    /// Chat channel has the same channel id but its own service URL, and goes to the Connector.
    /// </summary>
    private static bool IsLocal(string? channelId, string? serviceUrl) =>
        channelId == DirectLineEndpoints.ChannelId
        && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url)
        && url.AbsolutePath.TrimEnd('/') == DirectLineEndpoints.BasePath;

    private DirectLineChannelSender Local(string? conversationId) =>
        conversationId is not null && conversations.Find(conversationId) is { } log
            ? new DirectLineChannelSender(log, time)
            : throw new ConnectorException(404, "The local Direct Line conversation has ended or expired");

    private ConnectorClient Connector(string? serviceUrl)
    {
        trusted.Trust(serviceUrl);
        return connector;
    }
}
