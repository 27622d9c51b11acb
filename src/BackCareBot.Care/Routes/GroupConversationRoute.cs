using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Recognition;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Routes;

/// <summary>
/// A turn in a channel or group chat: the bot introduces itself and points to a personal chat, where the check
/// runs in private; a warning sign typed here still gets the urgent advice at once. Nothing is stored.
/// </summary>
internal sealed class GroupConversationRoute(IStateStore store, IWarningSignCheck warningSigns, CareTexts texts) : ICareRoute
{
    public async Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var activity = turn.Activity;
        // Nothing is kept for a group conversation; this also removes what an earlier version may have stored there.
        var key = CareBot.StateKey(activity);
        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(CareBot.CheckInKey(key), cancellationToken).ConfigureAwait(false);
        if (activity.IsType(ActivityTypes.ConversationUpdate))
        {
            if (BotAddedRoute.BotWasAdded(activity))
            {
                turn.Say(texts.T(turn, "group.welcome"));
            }

            return null;
        }

        var text = texts.T(turn, "group.private");
        if (!TextNormalizer.IsBlank(turn.Input.Text) && warningSigns.Recognize(turn.Input.Text) is { } sign)
        {
            // Nothing is stored here to ask a confirming question with: a partial sign gets the question and the advice for "yes".
            var advice = $"{texts.LevelMessage(turn, sign.Flag.Level)}\n\n{texts.HelpNow(turn)}";
            text = sign.Tier == SignTier.Clear ? $"{advice}\n\n{text}"
                : $"{texts.T(turn, "understanding.confirm", "question", texts.T(turn, sign.Flag.Question))}\n\n{texts.T(turn, "understanding.group_confirm", "advice", advice)}\n\n{text}";
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            return new CardNotice(text);
        }

        if (activity.IsType(ActivityTypes.Message))
        {
            turn.Say(text);
        }

        return null;
    }
}
