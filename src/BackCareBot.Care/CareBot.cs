using System.Text.Json;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Localization;
using BackCareBot.Care.State;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;

namespace BackCareBot.Care;

/// <summary>
/// The back-care bot. Each turn loads the conversation's state once, runs the flows in dialogs/ (red flags first),
/// and saves once if anything changed; replies are held until the save succeeds, and an ETag conflict re-runs the turn.
/// </summary>
public sealed partial class CareBot : IBot
{
    public const string CareFlow = "care";
    private const int SaveAttempts = 3;

    private readonly IStateStore _store;
    private readonly ILogger<CareBot> _logger;
    private readonly CareFlowHost _host;
    private readonly DialogSet _dialogs = new();

    public CareBot(CareContent content, IStateStore store, CareOptions options, ILogger<CareBot> logger)
    {
        _store = store;
        _logger = logger;
        var localizer = new Localizer(content);
        _host = new CareFlowHost(content, localizer, new CareCards(content, localizer, () => options.ImageBaseUrl), store);
        foreach (var flow in content.Flows.Values)
        {
            _dialogs.Add(new FlowDialog(flow, _host));
        }

        _host.Dialogs = _dialogs;
    }

    public static string StateKey(Activity activity) => $"conversation/{activity.ChannelId}/{activity.Conversation?.Id}";

    public static string CheckInKey(string stateKey) => $"checkin/{stateKey}";

    /// <summary>A Teams channel or group chat, where everyone in it would see the questions and the answers.</summary>
    public static bool IsGroupConversation(Activity activity) =>
        activity.Conversation is { } conversation && (conversation.IsGroup == true || conversation.ConversationType is "channel" or "groupChat");

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (!(activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.ConversationUpdate) || activity.IsType(ActivityTypes.Event)
            || (activity.IsType(ActivityTypes.Invoke) && activity.Name == "adaptiveCard/action")))
        {
            return;
        }

        if (IsGroupConversation(activity))
        {
            // Health answers stay out of channels and group chats: nothing is asked or stored there.
            await _host.GroupTurnAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var key = StateKey(activity);
        for (var attempt = 1; attempt <= SaveAttempts; attempt++)
        {
            var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            var state = Load(stored);
            var deferred = new DeferredSender();
            var inner = new TurnContext(activity, deferred);
            var care = new CareTurn(inner, state, Localizer.Resolve(state.Locale, activity), EmergencyDirectory.Country(activity, state.Country));

            await _host.RunTurnAsync(new DialogContext(_dialogs, inner, state.Dialog, care), care, cancellationToken).ConfigureAwait(false);

            try
            {
                await SaveAsync(key, stored, care, cancellationToken).ConfigureAwait(false);
            }
            catch (StateConflictException)
            {
                LogConflict(_logger, attempt);
                continue;
            }

            turn.InvokeResponse = inner.InvokeResponse;
            if (activity.IsType(ActivityTypes.Invoke))
            {
                // A card action: the replaced card goes back in the HTTP response now, the follow-up messages after it.
                turn.AfterInvokeResponse = token => deferred.FlushAsync(turn, token);
                return;
            }

            await deferred.FlushAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        await turn.SendTextAsync(_host.Text(Localizer.Resolve(null, activity), "prompt.conflict"), cancellationToken).ConfigureAwait(false);
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

    private async Task SaveAsync(string key, StoredState? stored, CareTurn care, CancellationToken cancellationToken)
    {
        if (care.Forget)
        {
            await _store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            await _store.DeleteAsync(CheckInKey(key), cancellationToken).ConfigureAwait(false);
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(care.State, CareStateJsonContext.Default.CareState);
        if (stored is not null && bytes.AsSpan().SequenceEqual(stored.Data))
        {
            return;
        }

        var before = stored is null ? null : JsonSerializer.Deserialize(stored.Data, CareStateJsonContext.Default.CareState)?.CheckInDue;
        await _store.WriteAsync(key, bytes, stored?.ETag, cancellationToken).ConfigureAwait(false);
        if (care.State.CheckInDue != before)
        {
            await UpdateCheckInIndexAsync(key, care.State, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UpdateCheckInIndexAsync(string key, CareState state, CancellationToken cancellationToken)
    {
        var indexKey = CheckInKey(key);
        if (state.CheckInDue is not { } due || state.CheckInReference is not { } reference)
        {
            await _store.DeleteAsync(indexKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        var entry = new CheckInEntry { StateKey = key, Due = due, Reference = reference };
        var existing = await _store.ReadAsync(indexKey, cancellationToken).ConfigureAwait(false);
        await _store.WriteAsync(indexKey, JsonSerializer.SerializeToUtf8Bytes(entry, CareStateJsonContext.Default.CheckInEntry), existing?.ETag, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "State changed under a turn (attempt {Attempt}); running the turn again")]
    private static partial void LogConflict(ILogger logger, int attempt);
}
