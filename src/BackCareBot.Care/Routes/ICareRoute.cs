using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>The handler of one way into the bot (see <see cref="CareRouter"/>); it adds its replies to the turn.</summary>
internal interface ICareRoute
{
    /// <returns>For a card action, what happened to the pressed card; null for anything else.</returns>
    Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken);
}
