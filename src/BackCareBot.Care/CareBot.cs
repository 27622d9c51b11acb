using System.Text.Json;
using BackCareBot.Care.Actions;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Programme;
using BackCareBot.Care.Routes;
using BackCareBot.Care.State;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackCareBot.Care;

/// <summary>
/// The back-care bot. Each turn is routed by <see cref="CareRouter"/>'s table to one handler, which runs against
/// the conversation's state loaded once; the new state is stored together with the turn's replies and the
/// activity id in one conditional write (only when something changed), the pipeline then delivers the replies,
/// and they are removed from the state once delivered. A retry of a stored turn delivers its replies again instead
/// of running the turn again, and replies never delivered go out before the next activity is answered, so nothing
/// is taken as the answer to a question the person did not see. An ETag conflict re-runs the turn. The rules that
/// hold across instances on one store (who delivers, which activity ids were seen) are <see cref="StoredTurns"/>'.
/// </summary>
public sealed partial class CareBot : IBot, IStoredReplies
{
    public const string CareFlow = "care";
    private const int SaveAttempts = 3;

    private readonly IStateStore _store;
    private readonly ICheckInIndex _checkIns;
    private readonly ILogger<CareBot> _logger;
    private readonly Localizer _localizer;
    private readonly DialogSet<CareTurn> _dialogs = new();
    private readonly CareRouter _router;
    private readonly CareSender _sender;
    private readonly StoredTurns _turns;
    private readonly TimeSpan _busyWait;

    /// <param name="checkIns">The due-time index of planned check-ins (in memory when not given, for tools and benchmarks).</param>
    /// <param name="links">The private links of "export my data" and the progress chart (default settings when not given).</param>
    public CareBot(
        CareContent content, IStateStore store, PictureAddress pictures, ILogger<CareBot> logger, TimeProvider? time = null,
        ICheckInIndex? checkIns = null, IOptions<CheckInOptions>? checkInOptions = null, IOptions<DeliveryOptions>? delivery = null,
        Privacy.PrivateLinks? links = null)
    {
        _store = store;
        var deliveryOptions = delivery?.Value ?? new DeliveryOptions();
        _turns = new StoredTurns(store, deliveryOptions, time ?? TimeProvider.System, logger);
        _busyWait = deliveryOptions.BusyWait;
        _checkIns = checkIns ?? new MemoryCheckInIndex();
        _logger = logger;
        _localizer = new Localizer(content);
        var texts = new CareTexts(content, _localizer);
        var services = new CareServices(
            content, texts, new CareCards(content, _localizer, () => pictures.BaseUrl), store, time ?? TimeProvider.System, checkInOptions?.Value ?? new CheckInOptions(),
            links ?? new Privacy.PrivateLinks(store, new CareOptions(), time ?? TimeProvider.System, pictures));
        var steps = new StepCatalog(content);
        var questions = new QuestionRenderer(texts, services.Cards, new CheckInCardQuestion(content, services.CheckInCards));
        var typed = new TypedAnswers(content);
        var host = new CareFlowHost(content, texts, questions, new FlowActions(services), typed);
        foreach (var flow in content.Flows.Values)
        {
            _dialogs.Add(new FlowDialog<CareTurn>(flow, host));
        }

        _router = new CareRouter(services, new RedFlagScreen(content), typed, steps, questions);
        _sender = new CareSender(texts);
    }

    public static string StateKey(Activity activity) => $"{StateKeyPrefix}{activity.ChannelId}/{activity.Conversation?.Id}";

    private const string StateKeyPrefix = "conversation/";

    /// <summary>The channel and conversation ids a <see cref="StateKey"/> was made of; null for any other key.</summary>
    public static (string Channel, string Conversation)? ParseStateKey(string key)
    {
        var slash = key.IndexOf('/', Math.Min(StateKeyPrefix.Length, key.Length));
        return key.StartsWith(StateKeyPrefix, StringComparison.Ordinal) && slash > StateKeyPrefix.Length
            ? (key[StateKeyPrefix.Length..slash], key[(slash + 1)..])
            : null;
    }

    /// <summary>Where versions before the due-time index kept a planned check-in; removed with the conversation.</summary>
    public static string CheckInKey(string stateKey) => $"checkin/{stateKey}";

    /// <summary>A Teams channel or group chat, where everyone in it would see the questions and the answers.</summary>
    public static bool IsGroupConversation(Activity activity) =>
        activity.Conversation is { } conversation && (conversation.IsGroup == true || conversation.ConversationType is "channel" or "groupChat");

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var input = UserInput.From(activity);
        if (_router.Select(activity, input) is not { } route)
        {
            return;
        }

        // For the turn's telemetry (names and numbers only): the route taken, and below the triage level reached.
        System.Diagnostics.Activity.Current?.SetTag("bot.route", route.Name);

        if (!route.KeepsState)
        {
            var once = new CareTurn(activity, input, new CareState(), Localizer.Resolve(null, activity), EmergencyDirectory.Country(activity, null));
            var result = await route.Handler.HandleAsync(new DialogContext<CareTurn>(_dialogs, once, once.State.Dialog), cancellationToken).ConfigureAwait(false);
            await _sender.SendAsync(turn, once, result, cancellationToken).ConfigureAwait(false);
            return;
        }

        var key = StateKey(activity);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; attempt <= SaveAttempts;)
        {
            var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            var state = StoredTurns.Load(stored);
            var verdict = stored is null ? StoredVerdict.Run : _turns.Examine(state, activity);
            if (verdict == StoredVerdict.Busy)
            {
                // Another instance is delivering this conversation's replies: they go out before this is answered.
                if (waited.Elapsed < _busyWait)
                {
                    await Task.Delay(BusyPoll, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                LogBusy(_logger);
                Answer(turn, state, sameActivity: false);
                return;
            }

            if (verdict != StoredVerdict.Run)
            {
                string? held = null;
                if (verdict == StoredVerdict.Deliver && (held = await _turns.ClaimAsync(key, stored!.ETag, state, cancellationToken).ConfigureAwait(false)) is null)
                {
                    attempt++;
                    continue;
                }

                if (held is not null)
                {
                    LogRedelivery(_logger, state.Pending!.Entries.Count, activity.Id == state.LastActivityId);
                    _turns.Attach(turn.Outbox, key, held, state);
                }

                Answer(turn, state, activity.Id == state.LastActivityId);
                if (IsCheckInTurn(activity))
                {
                    // The scheduler's retry of a check-in whose send failed: its replies go out again, and the index
                    // gets the planned due time back (the retry entry replaced it), as on every check-in turn.
                    await ReplanAsync(key, state, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            var dueBefore = state.CheckInDue;
            var levelBefore = state.Level;
            var inner = new TurnContext(activity) { Recoverable = turn.Recoverable };
            var care = new CareTurn(activity, input, state, Localizer.Resolve(state.Locale, activity), EmergencyDirectory.Country(activity, state.Country));

            var outcome = await route.Handler.HandleAsync(new DialogContext<CareTurn>(_dialogs, care, state.Dialog), cancellationToken).ConfigureAwait(false);
            await _sender.SendAsync(inner, care, outcome, cancellationToken).ConfigureAwait(false);

            string? etag;
            try
            {
                etag = await SaveAsync(key, stored, dueBefore, care, inner, cancellationToken).ConfigureAwait(false);
            }
            catch (StateConflictException)
            {
                LogConflict(_logger, attempt);
                attempt++;
                continue;
            }

            TagTriage(levelBefore, care.State.Level);
            turn.InvokeResponse = inner.InvokeResponse;
            turn.Outbox.Replay(inner.Outbox.Entries);
            if (etag is not null && state.Pending is not null)
            {
                _turns.Attach(turn.Outbox, key, etag, state);
            }

            return;
        }

        await turn.SendTextAsync(_localizer.Text(Localizer.Resolve(null, activity), "prompt.conflict"), cancellationToken).ConfigureAwait(false);
    }

    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The invoke response of a turn that runs nothing: a retry of a stored card action gets the response stored with
    /// it; any other gets "received". Replies stored and not delivered go out with it (see <see cref="StoredTurns"/>).
    /// </summary>
    private void Answer(TurnContext turn, CareState state, bool sameActivity)
    {
        if (turn.Activity.IsType(ActivityTypes.Invoke))
        {
            turn.InvokeResponse = sameActivity && state.Pending?.Invoke is { } invoke
                ? invoke
                : InvokeResponses.Message(_localizer.Text(Localizer.Resolve(state.Locale, turn.Activity), "card.received"));
        }
    }

    public IAsyncEnumerable<PendingConversation> PendingAsync(CancellationToken cancellationToken) => _turns.PendingAsync(cancellationToken);

    public Task<bool> TakeAsync(PendingConversation conversation, Outbox outbox, CancellationToken cancellationToken) => _turns.TakeAsync(conversation, outbox, cancellationToken);

    /// <summary>The level reached (1 = call an ambulance ... 5 = self-care), and the level of a warning sign found in this turn.</summary>
    private static void TagTriage(string before, string after)
    {
        if (System.Diagnostics.Activity.Current is not { } span)
        {
            return;
        }

        span.SetTag("bot.triage.level", TriageLevels.Number(after));
        if (TriageLevels.Rank(after) > TriageLevels.Rank(before))
        {
            span.SetTag("bot.warning_sign.level", TriageLevels.Number(after));
        }
    }

    /// <summary>Stores the turn's state with its replies and activity id; returns the new ETag, or null when nothing was written.</summary>
    private async Task<string?> SaveAsync(string key, StoredState? stored, DateTimeOffset? dueBefore, CareTurn care, TurnContext turn, CancellationToken cancellationToken)
    {
        if (care.Forgotten)
        {
            await _store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            await _store.DeleteAsync(CheckInKey(key), cancellationToken).ConfigureAwait(false);
            await _checkIns.CancelAsync(key, cancellationToken).ConfigureAwait(false);
            return null;
        }

        // A turn that changed nothing and says nothing is not stored: run again on a retry, it does nothing again.
        // One with replies is, so that a retry to any instance finds them instead of sending them a second time.
        var state = care.State;
        string? etag = null;
        if (stored is null || turn.Outbox.Entries.Count > 0
            || !JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState).AsSpan().SequenceEqual(stored.Data))
        {
            _turns.Record(state, turn);
            etag = await _turns.WriteAsync(key, state, stored?.ETag, cancellationToken).ConfigureAwait(false);
        }

        // A check-in turn always re-plans, changed or not: the scheduler completes its claim only if nobody re-planned.
        if (IsCheckInTurn(care.Activity) || state.CheckInDue != dueBefore)
        {
            await ReplanAsync(key, state, cancellationToken).ConfigureAwait(false);
        }

        return etag;
    }

    private static bool IsCheckInTurn(Activity activity) => activity.IsType(ActivityTypes.Event) && activity.Name == CareRouter.CheckInEvent;

    /// <summary>Puts the state's planned check-in into the due-time index, or removes it when none is planned.</summary>
    private Task ReplanAsync(string key, CareState state, CancellationToken cancellationToken) =>
        state.CheckInDue is { } due && state.CheckInReference is { } reference
            ? _checkIns.ScheduleAsync(new CheckInEntry { StateKey = key, Due = due, Reference = Addressed(reference, key) }, cancellationToken)
            : _checkIns.CancelAsync(key, cancellationToken);

    /// <summary>The state keeps a check-in's reference without the conversation id its key holds: the index entry gets it back.</summary>
    private static ConversationReference Addressed(ConversationReference reference, string key)
    {
        if (reference.Conversation?.Id is { Length: > 0 })
        {
            return reference;
        }

        var id = ParseStateKey(key)?.Conversation;
        return new ConversationReference
        {
            ChannelId = reference.ChannelId, ServiceUrl = reference.ServiceUrl, Locale = reference.Locale, User = reference.User, Bot = reference.Bot,
            Conversation = new ConversationAccount { Id = id, ConversationType = reference.Conversation?.ConversationType, TenantId = reference.Conversation?.TenantId },
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} stored replies again ({Retry}: true for the channel's retry of their turn, false for a later activity)")]
    private static partial void LogRedelivery(ILogger logger, int count, bool retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another instance kept delivering this conversation's replies past the wait; the activity was not run")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State changed under a turn (attempt {Attempt}); running the turn again")]
    private static partial void LogConflict(ILogger logger, int attempt);
}
