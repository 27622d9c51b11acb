using System.Collections.Concurrent;
using System.Text.Json;
using BackCareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Protocol.Turns;

/// <summary>What the HTTP layer answers after a turn.</summary>
public sealed record TurnOutcome(int StatusCode, JsonElement? Body)
{
    public static readonly TurnOutcome Ok = new(200, null);

    /// <summary>Completes when the turn's work after the response (the replies that follow an invoke response) is done.</summary>
    public Task Completion { get; init; } = Task.CompletedTask;

    internal TaskCompletionSource? FollowUpGate { get; init; }

    /// <summary>
    /// Lets the work after the invoke response begin, once the response has been sent (see
    /// <see cref="TurnPipeline.ProcessAsync"/>'s <c>followUpWhenStarted</c>); calling it again does nothing.
    /// </summary>
    public void StartFollowUp() => FollowUpGate?.TrySetResult();
}

/// <summary>
/// Runs turns: one at a time per conversation, each activity id once (channels retry), middleware around the bot.
/// The bot writes its replies into the turn's <see cref="Outbox"/>; this is the one place that decides when they
/// go out: in the expectReplies body, after the invoke response (so the channel has its answer within its time
/// limit and before the messages that follow it), or through the channel before the HTTP answer. Delivered
/// replies are acknowledged to the bot that stored them.
/// </summary>
public sealed partial class TurnPipeline
{
    private readonly IBot _bot;
    private readonly ITurnMiddleware[] _middleware;
    private readonly ILogger<TurnPipeline> _logger;
    /// <summary>How long the work after an invoke response may hold its conversation (Connector calls have their own timeouts).</summary>
    public static readonly TimeSpan AfterResponseBudget = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly ConversationGate _gate = new();
    private readonly ConcurrentDictionary<Task, byte> _afterResponse = new();
    // Channels retry within seconds; two minutes and 2,000 outcomes cover that without holding replies for long.
    private readonly RecentActivities _recent = new(capacity: 2_000, lifetime: TimeSpan.FromMinutes(2));

    public TurnPipeline(IBot bot, IEnumerable<ITurnMiddleware> middleware, ILogger<TurnPipeline> logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _bot = bot;
        _middleware = [.. middleware];
        _logger = logger;
    }

    /// <summary>How long the work after the response waits for <see cref="TurnOutcome.StartFollowUp"/> before it starts anyway.</summary>
    private static readonly TimeSpan FollowUpStartLimit = TimeSpan.FromSeconds(5);

    /// <param name="channel">Where replies go that are not answered in the HTTP response.</param>
    /// <param name="followUpWhenStarted">
    /// True when the caller sends the response itself and then calls <see cref="TurnOutcome.StartFollowUp"/>
    /// (the HTTP endpoint does, once the response is written), so the channel has the response before the messages
    /// that follow it; otherwise the follow-up starts at once.
    /// </param>
    /// <exception cref="Exception">What the channel threw when the replies could not be delivered; they stay with the bot's state for a retry.</exception>
    public async Task<TurnOutcome> ProcessAsync(Activity activity, IChannelSender channel, CancellationToken cancellationToken, bool followUpWhenStarted = false)
    {
        var conversationKey = ConversationKey(activity.ChannelId, activity.Conversation?.Id);
        IDisposable? lease = await _gate.EnterAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        try
        {
            var activityKey = activity.Id is null ? null : $"{conversationKey}/{activity.Id}";
            if (activityKey is not null && _recent.TryGet(activityKey, out var earlier))
            {
                LogDuplicate(_logger, activity.Type, activity.ChannelId);
                return earlier;
            }

            var turn = new TurnContext(activity) { Recoverable = channel.DeliversAfterRestart(activity) && !IsExpectReplies(activity) };
            await RunAsync(turn, 0, cancellationToken).ConfigureAwait(false);
            var outbox = turn.Outbox;
            var outcome = Outcome(activity, turn);
            Func<CancellationToken, Task>? afterResponse = null;
            if (activity.IsType(ActivityTypes.Invoke))
            {
                afterResponse = token => DeliverAsync(outbox, channel, activity, token);
            }
            else if (IsExpectReplies(activity))
            {
                // The replies are in the response body: delivered once it has been sent.
                afterResponse = token => outbox.AcknowledgeAsync(outbox.Entries.Count, token);
            }
            else
            {
                await DeliverAsync(outbox, channel, activity, cancellationToken).ConfigureAwait(false);
            }

            if (afterResponse is not null && outbox.Entries.Count > 0)
            {
                // The conversation stays locked until the follow-up work is done, so the next turn cannot overtake it.
                var held = lease;
                lease = null;
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!followUpWhenStarted)
                {
                    gate.SetResult();
                }

                var completion = Task.Run(() => RunAfterResponseAsync(gate.Task, afterResponse, held, activity), CancellationToken.None);
                _afterResponse.TryAdd(completion, 0);
                _ = completion.ContinueWith(done => _afterResponse.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                outcome = outcome with { Completion = completion, FollowUpGate = gate };
            }

            if (activityKey is not null)
            {
                _recent.Add(activityKey, outcome);
            }

            return outcome;
        }
        finally
        {
            lease?.Dispose();
        }
    }

    private static string ConversationKey(string? channelId, string? conversationId) => $"{channelId}/{conversationId}";

    /// <summary>
    /// Delivers a conversation's stored replies that were never delivered (found by a sweep after a restart, or left
    /// by a failed delivery), under the same per-conversation lock as its turns; false when there was nothing to send.
    /// </summary>
    /// <exception cref="Exception">What the channel threw; the replies not delivered stay stored.</exception>
    public async Task<bool> DeliverStoredAsync(IStoredReplies stored, PendingConversation conversation, IChannelSender channel, CancellationToken cancellationToken)
    {
        using var lease = await _gate.EnterAsync(ConversationKey(conversation.ChannelId, conversation.ConversationId), cancellationToken).ConfigureAwait(false);
        var outbox = new Outbox();
        if (!await stored.TakeAsync(conversation, outbox, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await outbox.DeliverAsync(channel, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task DeliverAsync(Outbox outbox, IChannelSender channel, Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.DeliverAsync(channel, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LogUndelivered(_logger, activity, e))
        {
            throw;
        }
    }

    private static bool LogUndelivered(ILogger logger, Activity activity, Exception e)
    {
        LogDeliveryFailed(logger, activity.Type, activity.ChannelId, e.GetType().Name);
        return false;
    }

    private static bool IsExpectReplies(Activity activity) =>
        string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase) && !activity.IsType(ActivityTypes.Invoke);

    /// <summary>Waits for the work still running after invoke responses (at shutdown, so no follow-up message is lost).</summary>
    public Task DrainAsync(CancellationToken cancellationToken) => Task.WhenAll(_afterResponse.Keys).WaitAsync(cancellationToken);

    private async Task RunAfterResponseAsync(Task started, Func<CancellationToken, Task> after, IDisposable lease, Activity activity)
    {
        try
        {
            try
            {
                await started.WaitAsync(FollowUpStartLimit).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A caller that never starts the follow-up (a response that could not be sent) only delays it.
            }

            // The channel's request has been answered, so its cancellation no longer applies; a budget bounds the lock instead.
            using var budget = new CancellationTokenSource(AfterResponseBudget);
            await after(budget.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogAfterResponseFailed(_logger, activity.Type, activity.ChannelId, e.GetType().Name);
        }
        finally
        {
            lease.Dispose();
        }
    }

    /// <summary>
    /// Runs a proactive turn (e.g. a morning check-in) for a stored conversation: the bot receives an
    /// <c>event</c> activity named <paramref name="eventName"/> from the user it addresses, under the same
    /// per-conversation lock as any other turn, and its replies go out through <paramref name="channel"/>.
    /// </summary>
    public Task<TurnOutcome> ContinueConversationAsync(ConversationReference reference, string eventName, IChannelSender channel, CancellationToken cancellationToken)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = eventName,
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
            Timestamp = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        return ProcessAsync(activity, channel, cancellationToken);
    }

    private Task RunAsync(TurnContext turn, int index, CancellationToken cancellationToken) =>
        index < _middleware.Length
            ? _middleware[index].OnTurnAsync(turn, () => RunAsync(turn, index + 1, cancellationToken), cancellationToken)
            : _bot.OnTurnAsync(turn, cancellationToken);

    private static TurnOutcome Outcome(Activity activity, TurnContext turn)
    {
        if (activity.IsType(ActivityTypes.Invoke))
        {
            // As the JS SDK does: an invoke nobody answered gets 501.
            return turn.InvokeResponse is { } invoke ? new TurnOutcome(invoke.Status, invoke.Body) : new TurnOutcome(501, null);
        }

        if (IsExpectReplies(activity))
        {
            var body = JsonSerializer.SerializeToElement(new ExpectedReplies { Activities = turn.Outbox.Replies() }, ProtocolJsonContext.Default.ExpectedReplies);
            return new TurnOutcome(200, body);
        }

        return TurnOutcome.Ok;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replies of a {ActivityType} turn on {ChannelId} could not be delivered ({Error}); they are kept for the retry")]
    private static partial void LogDeliveryFailed(ILogger logger, string? activityType, string? channelId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work after the {ActivityType} response on {ChannelId} failed: {Error}")]
    private static partial void LogAfterResponseFailed(ILogger logger, string? activityType, string? channelId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate {ActivityType} activity on {ChannelId} ignored")]
    private static partial void LogDuplicate(ILogger logger, string? activityType, string? channelId);
}
