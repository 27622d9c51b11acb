using System.Net.Http.Headers;
using BackCareBot.Protocol.Auth;

namespace BackCareBot.Protocol.Connector;

/// <summary>Attaches the bot's bearer token to every Connector request (none in anonymous mode).</summary>
public sealed class ConnectorAuthHandler(ConnectorTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
