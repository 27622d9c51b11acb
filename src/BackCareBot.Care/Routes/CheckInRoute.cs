using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>The check-in the scheduler starts: today's check-in begins once (<see cref="CheckInProgramme.OnEventAsync"/>).</summary>
internal sealed class CheckInRoute(CheckInProgramme programme) : ICareRoute
{
    public const string Flow = CheckInProgramme.Flow;

    public async Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        await programme.OnEventAsync(dc, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
