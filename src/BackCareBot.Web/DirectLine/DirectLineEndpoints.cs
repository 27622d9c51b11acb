using System.Security.Cryptography;
using System.Threading.RateLimiting;
using BackCareBot.Protocol.DirectLine;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using BackCareBot.Web.Bot;
using BackCareBot.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.DirectLine;

/// <summary>The part of Direct Line 3.0 that Web Chat and botframework-directlinejs use, hosted by the bot itself.</summary>
public static partial class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";
    public const string ChannelId = "webchat";
    private const string PostPolicy = "directline-post";

    /// <summary>The bot as Direct Line users see it.</summary>
    public static readonly ChannelAccount BotAccount = new() { Id = "backcarebot", Name = "BackCareBot", Role = "bot" };

    public static WebApplicationBuilder AddDirectLine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DirectLineOptions>().Bind(builder.Configuration.GetSection("DirectLine")).ValidatedBy<DirectLineOptions, DirectLineOptionsValidator>();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineConversationStore>();
        builder.Services.AddHostedService<DirectLineConversationSweeper>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = static (context, cancellationToken) => RejectAsync(context, cancellationToken);
            limiter.AddPolicy(PostPolicy, static http =>
            {
                // Only the conversation's own posts count: a request without its valid token is refused (401/403)
                // before it runs a turn, and must not use up the owner's allowance.
                var conversationId = http.Request.RouteValues["conversationId"] as string ?? string.Empty;
                var grant = http.RequestServices.GetRequiredService<DirectLineTokens>().Validate(DirectLineRequest.Bearer(http.Request));
                if (grant is null || !string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var options = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(conversationId, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PostsPerWindow,
                    Window = options.PostWindow,
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseWebSockets();
        app.UseRateLimiter();
        var api = app.MapGroup(BasePath);
        api.MapPost("/tokens/generate", GenerateTokenAsync);
        api.MapPost("/tokens/refresh", RefreshToken);
        api.MapPost("/conversations", StartConversationAsync);
        api.MapGet("/conversations/{conversationId}", ResumeConversation);
        api.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).RequireRateLimiting(PostPolicy);
        api.MapGet("/conversations/{conversationId}/activities", GetActivities);
        api.MapPost("/conversations/{conversationId}/upload", Upload);
        api.MapGet("/conversations/{conversationId}/stream", DirectLineStream.RunAsync);
        return app;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext http, DirectLineTokens tokens, IOptions<DirectLineOptions> options)
    {
        var bySecret = DirectLineRequest.HasSecret(http.Request, options.Value);
        // A wrong secret is refused even from the local page, so a misconfigured client notices.
        if (!bySecret && (DirectLineRequest.Bearer(http.Request) is not null || !DirectLineRequest.IsLocalPage(http)))
        {
            return ErrorResults.Problem(403, "Forbidden", "Tokens are issued to the bot's own page or to clients presenting the Direct Line secret.");
        }

        var parameters = await DirectLineRequest.ReadParametersAsync(http);
        // Only a holder of the secret (a trusted server) may name the user; everyone else gets a fresh id.
        var userId = bySecret && parameters?.User?.Id is { Length: > 0 and <= 128 } chosen ? chosen : "dl_" + Guid.NewGuid().ToString("N");
        var conversationId = NewConversationId();
        return Results.Json(
            new DirectLineConversation { ConversationId = conversationId, Token = tokens.Issue(conversationId, userId), ExpiresIn = tokens.LifetimeSeconds },
            DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static IResult RefreshToken(HttpContext http, DirectLineTokens tokens)
    {
        if (tokens.Validate(DirectLineRequest.Bearer(http.Request)) is not { } grant)
        {
            return ErrorResults.Problem(403, "TokenExpired", "The token is invalid or expired.");
        }

        return Results.Json(
            new DirectLineConversation { ConversationId = grant.ConversationId, Token = tokens.Issue(grant.ConversationId, grant.UserId), ExpiresIn = tokens.LifetimeSeconds },
            DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext http, DirectLineTokens tokens, DirectLineConversationStore store, IOptions<DirectLineOptions> options,
        TurnPipeline pipeline, TimeProvider time, ILogger<DirectLineConversationLog> logger)
    {
        var grant = tokens.Validate(DirectLineRequest.Bearer(http.Request));
        if (grant is null && DirectLineRequest.HasSecret(http.Request, options.Value))
        {
            grant = new DirectLineGrant(NewConversationId(), "dl_" + Guid.NewGuid().ToString("N"), DateTimeOffset.MaxValue);
        }

        if (grant is null)
        {
            return ErrorResults.Problem(403, "TokenExpired", "A valid token or the Direct Line secret is required.");
        }

        var parameters = await DirectLineRequest.ReadParametersAsync(http);
        var conversation = store.GetOrCreate(grant.ConversationId, grant.UserId, out var created);
        if (created)
        {
            await GreetAsync(http, conversation, parameters?.Locale, pipeline, time, logger);
        }

        return Results.Json(Session(http, tokens, conversation, watermark: null), DirectLineJsonContext.Default.DirectLineConversation, statusCode: created ? 201 : 200);
    }

    private static IResult ResumeConversation(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversationStore store)
    {
        var (conversation, problem) = Authorize(http, conversationId, tokens, store);
        return conversation is null
            ? problem!
            : Results.Json(Session(http, tokens, conversation, watermark), DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> PostActivityAsync(
        HttpContext http, string conversationId, DirectLineTokens tokens, DirectLineConversationStore store,
        TurnPipeline pipeline, TimeProvider time, ILogger<DirectLineConversationLog> logger)
    {
        var (conversation, problem) = Authorize(http, conversationId, tokens, store);
        if (conversation is null)
        {
            return problem!;
        }

        var (activity, invalid) = await ActivityReader.ReadAsync(http.Request, BotEndpoints.MaxBodyBytes, http.RequestAborted);
        if (activity is null)
        {
            return invalid!;
        }

        if (activity.Attachments?.Exists(a => a.ContentUrl is not null || a.ContentType?.StartsWith("application/vnd.microsoft.card", StringComparison.Ordinal) != true) == true)
        {
            return ErrorResults.Problem(415, "UploadNotSupported", "This bot does not accept files or attachments; please type your answer.");
        }

        Stamp(http, activity, conversation, time);
        conversation.Append(activity);
        if (!await TryRunTurnAsync(activity, conversation, pipeline, time, logger, http.RequestAborted))
        {
            return ErrorResults.Problem(502, "BotError", "The bot could not answer this message.");
        }

        return Results.Json(new ResourceResponse { Id = activity.Id }, DirectLineJsonContext.Default.ResourceResponse);
    }

    private static IResult GetActivities(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversationStore store)
    {
        var (conversation, problem) = Authorize(http, conversationId, tokens, store);
        return conversation is null
            ? problem!
            : Results.Json(conversation.Since(watermark), DirectLineJsonContext.Default.ActivitySet);
    }

    private static IResult Upload(HttpContext http, string conversationId, DirectLineTokens tokens, DirectLineConversationStore store)
    {
        var (conversation, problem) = Authorize(http, conversationId, tokens, store);
        return conversation is null
            ? problem!
            : ErrorResults.Problem(415, "UploadNotSupported", "This bot does not accept files or attachments; please type your answer.");
    }

    /// <summary>The conversation the request's token opens, or the 401/403/404 to answer.</summary>
    internal static (DirectLineConversationLog? Conversation, IResult? Problem) Authorize(
        HttpContext http, string conversationId, DirectLineTokens tokens, DirectLineConversationStore store, string? token = null)
    {
        token ??= DirectLineRequest.Bearer(http.Request);
        if (string.IsNullOrEmpty(token))
        {
            return (null, ErrorResults.Problem(401, "Unauthorized", "Send the Direct Line token as 'Authorization: Bearer <token>'."));
        }

        if (tokens.Validate(token) is not { } grant)
        {
            return (null, ErrorResults.Problem(403, "TokenExpired", "The token is invalid or expired; refresh it or start a new conversation."));
        }

        if (!string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return (null, ErrorResults.Problem(403, "Forbidden", "This token does not open that conversation."));
        }

        var conversation = store.Find(conversationId);
        return conversation is null || conversation.UserId != grant.UserId
            ? (null, ErrorResults.Problem(404, "ConversationNotFound", "The conversation has ended or expired; start a new one."))
            : (conversation, null);
    }

    private static DirectLineConversation Session(HttpContext http, DirectLineTokens tokens, DirectLineConversationLog conversation, string? watermark)
    {
        var token = tokens.Issue(conversation.Id, conversation.UserId);
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var streamUrl = $"{scheme}://{http.Request.Host.ToUriComponent()}{BasePath}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream"
            + $"?watermark={Uri.EscapeDataString(watermark ?? "-")}&t={Uri.EscapeDataString(token)}";
        return new DirectLineConversation
        {
            ConversationId = conversation.Id,
            Token = token,
            ExpiresIn = tokens.LifetimeSeconds,
            StreamUrl = streamUrl,
            ReferenceGrammarId = ReferenceGrammarId,
        };
    }

    private const string ReferenceGrammarId = "00000000-0000-0000-0000-000000000000";

    /// <summary>The server decides who posted, where, and when; the client's own fields (clientActivityID, locale, text) stay.</summary>
    private static void Stamp(HttpContext http, Activity activity, DirectLineConversationLog conversation, TimeProvider time)
    {
        activity.Id = conversation.NextActivityId();
        activity.Timestamp = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl(http);
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.From = new ChannelAccount { Id = conversation.UserId, Name = activity.From?.Name, Role = "user" };
        activity.Recipient = new ChannelAccount { Id = BotAccount.Id, Name = BotAccount.Name, Role = BotAccount.Role };
        // Replies go into the conversation log; a buffered expectReplies answer would have nowhere to go.
        activity.DeliveryMode = null;
    }

    private static async Task GreetAsync(
        HttpContext http, DirectLineConversationLog conversation, string? locale, TurnPipeline pipeline, TimeProvider time, ILogger logger)
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Locale = locale,
            MembersAdded = [new ChannelAccount { Id = BotAccount.Id, Name = BotAccount.Name }, new ChannelAccount { Id = conversation.UserId }],
        };
        Stamp(http, update, conversation, time);
        await TryRunTurnAsync(update, conversation, pipeline, time, logger, http.RequestAborted);
    }

    private static async Task<bool> TryRunTurnAsync(
        Activity activity, DirectLineConversationLog conversation, TurnPipeline pipeline, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.ProcessAsync(activity, new DirectLineChannelSender(conversation, time), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTurnFailed(logger, exception.GetType().Name, activity.Type);
            return false;
        }
    }

    private static string ServiceUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}{BasePath}/";

    private static string NewConversationId() =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "-dl";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = 429;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await response.WriteAsJsonAsync(
            ErrorResults.Body("TooManyRequests", "Too many messages in this conversation; wait a moment and send again."),
            ProtocolJsonContext.Default.ErrorResponse,
            cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Direct Line turn failed with {ExceptionType} on a {ActivityType} activity")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string? activityType);
}
