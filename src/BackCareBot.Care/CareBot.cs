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
/// is taken as the answer to a question the person did not see. An ETag conflict re-runs the turn.
/// </summary>
public sealed partial class CareBot : IBot
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

    /// <param name="checkIns">The due-time index of planned check-ins (in memory when not given, for tools and benchmarks).</param>
    public CareBot(
        CareContent content, IStateStore store, PictureAddress pictures, ILogger<CareBot> logger, TimeProvider? time = null,
        ICheckInIndex? checkIns = null, IOptions<CheckInOptions>? checkInOptions = null)
    {
        _store = store;
        _checkIns = checkIns ?? new MemoryCheckInIndex();
        _logger = logger;
        _localizer = new Localizer(content);
        var texts = new CareTexts(content, _localizer);
        var services = new CareServices(
            content, texts, new CareCards(content, _localizer, () => pictures.BaseUrl), store, time ?? TimeProvider.System, checkInOptions?.Value ?? new CheckInOptions());
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

    public static string StateKey(Activity activity) => $"conversation/{activity.ChannelId}/{activity.Conversation?.Id}";

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
        for (var attempt = 1; attempt <= SaveAttempts; attempt++)
        {
            var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            var state = Load(stored);
            if (stored is not null && (state.Pending is not null || (activity.Id is not null && activity.Id == state.LastActivityId)))
            {
                Redeliver(turn, key, stored.ETag, state);
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
            var inner = new TurnContext(activity);
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
                continue;
            }

            TagTriage(levelBefore, care.State.Level);
            turn.InvokeResponse = inner.InvokeResponse;
            turn.Outbox.Replay(inner.Outbox.Entries);
            if (etag is not null && state.Pending is not null)
            {
                turn.Outbox.Acknowledge = (count, token) => AcknowledgeAsync(key, etag, state, count, token);
            }

            return;
        }

        await turn.SendTextAsync(_localizer.Text(Localizer.Resolve(null, activity), "prompt.conflict"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A retry of a stored turn, or any activity while a stored turn's replies are undelivered: those replies go
    /// out (again) and nothing is run. A retry whose replies were all delivered sends nothing.
    /// </summary>
    private void Redeliver(TurnContext turn, string key, string etag, CareState state)
    {
        var pending = state.Pending;
        var sameActivity = turn.Activity.Id == state.LastActivityId;
        if (turn.Activity.IsType(ActivityTypes.Invoke))
        {
            turn.InvokeResponse = sameActivity && pending?.Invoke is { } invoke
                ? invoke
                : InvokeResponses.Message(_localizer.Text(Localizer.Resolve(state.Locale, turn.Activity), "card.received"));
        }

        if (pending is not null)
        {
            LogRedelivery(_logger, pending.Entries.Count, sameActivity);
            turn.Outbox.Replay(pending.Entries);
            turn.Outbox.Acknowledge = (count, token) => AcknowledgeAsync(key, etag, state, count, token);
        }
    }

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

    private static CareState Load(StoredState? stored)
    {
        if (stored is null)
        {
            return new CareState();
        }

        var state = JsonSerializer.Deserialize(stored.Data, CareStateJsonContext.Default.CareState) ?? new CareState();
        // Version 1 is the first stored shape; later versions migrate older documents here.
        state.SchemaVersion = CareState.CurrentSchemaVersion;
        return state;
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

        // A turn that changed nothing is not stored: run again on a retry, it gives the same replies.
        var state = care.State;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState);
        string? etag = null;
        if (stored is null || !bytes.AsSpan().SequenceEqual(stored.Data))
        {
            state.LastActivityId = turn.Activity.Id;
            state.Pending = turn.Outbox.Entries.Count > 0 ? new PendingReplies { Entries = [.. turn.Outbox.Entries], Invoke = turn.InvokeResponse } : null;
            bytes = JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState);
            etag = await _store.WriteAsync(key, bytes, stored?.ETag, cancellationToken).ConfigureAwait(false);
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
            ? _checkIns.ScheduleAsync(new CheckInEntry { StateKey = key, Due = due, Reference = reference }, cancellationToken)
            : _checkIns.CancelAsync(key, cancellationToken);

    /// <summary>Removes delivered replies from the stored state (one conditional write); a conflict means a later turn already replaced them.</summary>
    private async Task AcknowledgeAsync(string key, string etag, CareState state, int delivered, CancellationToken cancellationToken)
    {
        if (state.Pending is not { } pending)
        {
            return;
        }

        pending.Entries.RemoveRange(0, Math.Min(delivered, pending.Entries.Count));
        if (pending.Entries.Count == 0)
        {
            state.Pending = null;
        }

        try
        {
            await _store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(state, CareStateJsonContext.Default.CareState), etag, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            LogAcknowledgeConflict(_logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering {Count} stored replies again ({Retry}: true for the channel's retry of their turn, false for a later activity)")]
    private static partial void LogRedelivery(ILogger logger, int count, bool retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivered replies were not marked: the state had changed since")]
    private static partial void LogAcknowledgeConflict(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State changed under a turn (attempt {Attempt}); running the turn again")]
    private static partial void LogConflict(ILogger logger, int attempt);
}
