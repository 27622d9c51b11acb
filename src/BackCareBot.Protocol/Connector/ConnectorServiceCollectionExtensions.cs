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
    /// resilience pipeline (total timeout, then retries, then a per-attempt timeout). A retry must not show a message
    /// twice: a POST (a new message) is retried only when the Connector cannot have processed it (429, 503 and 412
    /// answers, or no connection was made); PUT and DELETE, which give the same result when repeated, are also
    /// retried after 502, 504 and timeouts. Retry-After is honoured.
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
        // The default request lines name the URL, which holds conversation and activity ids: none in any environment.
        connector.RemoveAllLoggers();
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
                        ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method)),
                    })
                    .AddTimeout(options.AttemptTimeout);
            });

        // Added after the resilience handler, so it runs inside it: every attempt carries a current token.
        connector.AddHttpMessageHandler<ConnectorAuthHandler>();
        return services;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method)
    {
        var repeatable = method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Get;
        return outcome switch
        {
            { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
            { Exception: HttpRequestException or TimeoutRejectedException } => repeatable,
            { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.ServiceUnavailable
                || (repeatable && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout),
            _ => false,
        };
    }
}
