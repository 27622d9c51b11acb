using System.Net;
using BackCareBot.Protocol.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Polly;
using Polly.Timeout;

namespace BackCareBot.Protocol.Connector;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Inbound token validation, trusted service URLs, the outgoing token and the Connector client with its
    /// resilience pipeline (total timeout, then retries of 429/412/502/503/504 and timeouts, then a per-attempt timeout).
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

        var connector = services.AddHttpClient<ConnectorClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        connector.AddResilienceHandler("connector", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorResilienceOptions>>().Value;
                pipeline
                    .AddTimeout(options.TotalTimeout)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetryAttempts,
                        Delay = options.BaseDelay,
                        MaxDelay = options.MaxDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                    })
                    .AddTimeout(options.AttemptTimeout);
            });

        // Added after the resilience handler, so it runs inside it: every attempt carries a current token.
        connector.AddHttpMessageHandler<ConnectorAuthHandler>();
        return services;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        _ => false,
    };
}
