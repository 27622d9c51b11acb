using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Routes;

/// <summary>The bot was added to a personal chat: it introduces itself and starts the check, unless one is already open.</summary>
internal sealed class BotAddedRoute : ICareRoute
{
    /// <summary>A conversation update that adds the bot itself: the moment to introduce it.</summary>
    public static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Exists(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true;

    public async Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveFrame is null)
        {
            await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
