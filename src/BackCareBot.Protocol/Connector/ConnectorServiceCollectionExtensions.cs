using BackCareBot.Protocol.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace BackCareBot.Protocol.Connector;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Inbound token validation, trusted service URLs, the outgoing token and the Connector client (one for the
    /// process) with its retries (<see cref="ConnectorRetryHandler"/>: total timeout, then retries, then a per-attempt
    /// timeout). A retry must not show a message twice: a POST (a new message) is retried only when the Connector
    /// cannot have processed it (429, 503 and 412 answers, or no connection was made); PUT and DELETE, which give the
    /// same result when repeated, are also retried after 502, 504 and timeouts. Retry-After is honoured.
    /// Bind <see cref="BotAuthenticationOptions"/> and <see cref="ConnectorResilienceOptions"/> before calling.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<ChannelTokenValidator>();
        services.AddHttpClient(ChannelTokenValidator.MetadataClientName);
        services.AddHttpClient(MsalHttpClientFactory.ClientName);
        services.AddSingleton<IMsalHttpClientFactory, MsalHttpClientFactory>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddTransient<ConnectorAuthHandler>();

        services.AddTransient<ConnectorRetryHandler>();

        // One client for the process: its handler chain is built once and its connections are kept (and renewed every
        // few minutes, so a changed DNS answer for the Connector is picked up) instead of a chain resolved per reply.
        var connector = services.AddHttpClient(nameof(ConnectorClient), static http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
                AllowAutoRedirect = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // The default request lines name the URL, which holds conversation and activity ids: none in any environment.
        connector.RemoveAllLoggers();
        connector.AddHttpMessageHandler<ConnectorRetryHandler>();
        // Added after the retry handler, so it runs inside it: every attempt carries a current token.
        connector.AddHttpMessageHandler<ConnectorAuthHandler>();
        services.AddSingleton(static provider => new ConnectorClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ConnectorClient)), provider.GetRequiredService<TrustedServiceUrls>()));
        return services;
    }
}
