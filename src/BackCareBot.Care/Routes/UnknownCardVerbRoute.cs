using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>A card action with a verb no route knows: answered with a 400 that names it, and nothing changes.</summary>
internal sealed class UnknownCardVerbRoute : ICareRoute
{
    public Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken) =>
        Task.FromResult<CardOutcome?>(new CardError($"Unknown verb '{dc.Turn.Input.CardVerb}'."));
}
