using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"schedule_checkin": daily check-ins from the next morning, at 08:00 in the user's own time zone.</summary>
internal sealed class ScheduleCheckInAction(CheckInProgramme programme) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        dc.Turn.Say(programme.Plan(dc.Turn, null));
        return Task.FromResult(true);
    }
}
