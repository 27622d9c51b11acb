using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Protocol.Auth;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Identity.Client;

namespace BackCareBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API (v3/conversations/...) against the service URL an activity arrived from.
/// Ids are URL-escaped: Teams ids contain ':', ';', '@' and '='. Only trusted service URLs are called, so the
/// bot's token never goes to a host named by an unauthenticated activity.
/// </summary>
public sealed class ConnectorClient(HttpClient http, TrustedServiceUrls trusted) : IChannelSender
{
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = Escape(activity.Conversation?.Id);
        var path = activity.ReplyToId is { Length: > 0 } replyTo
            ? $"v3/conversations/{conversationId}/activities/{Uri.EscapeDataString(replyTo)}"
            : $"v3/conversations/{conversationId}/activities";
        return SendActivityAsync(HttpMethod.Post, activity.ServiceUrl, path, activity, cancellationToken);
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Escape(activity.Conversation?.Id)}/activities/{Escape(activity.Id)}";
        return SendActivityAsync(HttpMethod.Put, activity.ServiceUrl, path, activity, cancellationToken);
    }

    /// <summary>The Connector is reachable from any instance, after a restart too.</summary>
    public bool DeliversAfterRestart(Activity activity) => true;

    public async Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        var uri = Resolve(reference.ServiceUrl, $"v3/conversations/{Escape(reference.Conversation?.Id)}/activities/{Escape(activityId)}");
        using var request = new HttpRequestMessage(HttpMethod.Delete, uri);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a conversation proactively (Teams 1:1 needs the tenant id in channelData and tenantId).</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        CarryTenant(parameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve(serviceUrl, "v3/conversations"))
        {
            Content = Json(JsonSerializer.SerializeToUtf8Bytes(parameters, ProtocolJsonContext.Default.ConversationParameters)),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ConversationResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ConversationResourceResponse();
    }

    private async Task<ResourceResponse> SendActivityAsync(HttpMethod method, string? serviceUrl, string path, Activity activity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Resolve(serviceUrl, path))
        {
            Content = Json(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity)),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength == 0)
        {
            return new ResourceResponse();
        }

        return await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ResourceResponse, cancellationToken).ConfigureAwait(false)
            ?? new ResourceResponse();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorTimeoutException timeout)
        {
            throw new ConnectorException(0, timeout.Message);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException(0, $"The Connector could not be reached ({ex.HttpRequestError}).");
        }
        catch (MsalException ex)
        {
            throw new ConnectorException(0, $"The bot's token could not be obtained ({ex.ErrorCode}); nothing was sent.");
        }
    }

    /// <summary>
    /// The body as bytes with its length, so it goes out with the headers in one write; a streamed JSON body would be
    /// sent chunked (no Content-Length) in several writes, and serialized again on every retry.
    /// </summary>
    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }

    private Uri Resolve(string? serviceUrl, string path)
    {
        if (string.IsNullOrEmpty(serviceUrl) || !Uri.TryCreate(serviceUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
        {
            throw new ConnectorException(0, "The activity has no usable serviceUrl.");
        }

        if (!trusted.IsTrusted(baseUri))
        {
            throw new ConnectorException(0, "The serviceUrl did not arrive on an authenticated activity; nothing was sent.");
        }

        return new Uri(baseUri, path);
    }

    /// <summary>Teams needs the tenant both as tenantId and as channelData.tenant.id; fills whichever is missing.</summary>
    private static void CarryTenant(ConversationParameters parameters)
    {
        var channelData = parameters.ChannelData is { ValueKind: JsonValueKind.Object } data
            ? JsonNode.Parse(data.GetRawText())!.AsObject()
            : [];
        var fromChannelData = channelData["tenant"] is JsonObject tenant && tenant["id"] is JsonValue id && id.TryGetValue<string>(out var value) ? value : null;
        var tenantId = parameters.TenantId ?? fromChannelData;
        if (string.IsNullOrEmpty(tenantId))
        {
            return;
        }

        parameters.TenantId = tenantId;
        if (fromChannelData is null)
        {
            channelData["tenant"] = new JsonObject { ["id"] = tenantId };
            using var document = JsonDocument.Parse(channelData.ToJsonString());
            parameters.ChannelData = document.RootElement.Clone();
        }
    }

    private static string Escape(string? id) =>
        string.IsNullOrEmpty(id) ? throw new ConnectorException(0, "The activity has no conversation or activity id.") : Uri.EscapeDataString(id);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? code = null;
        try
        {
            var error = await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ErrorResponse, cancellationToken).ConfigureAwait(false);
            code = error?.Error?.Code;
        }
        catch (System.Text.Json.JsonException)
        {
            // The body is not the Connector's error shape; the status code says enough.
        }

        throw new ConnectorException((int)response.StatusCode, $"Connector answered {(int)response.StatusCode} {code}".TrimEnd());
    }
}

public sealed class ConnectorException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>403 (the bot was removed or blocked) or 404 (the conversation or activity is gone).</summary>
    public bool IsConversationGone => StatusCode is 403 or 404;

    /// <summary>
    /// The same request can never succeed: 400 (refused as sent) or <see cref="IsConversationGone"/>. Retries are for
    /// the rest (429, 5xx, timeouts).
    /// </summary>
    public bool IsPermanent => StatusCode == 400 || IsConversationGone;
}
