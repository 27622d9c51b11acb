using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>
/// "schedule_checkin": daily check-ins from the next morning, at 08:00 in the user's own time zone, and the time
/// card to pick another time (and the zone, when the channel gave none).
/// </summary>
internal sealed class ScheduleCheckInAction(CheckInProgramme programme, CheckInTimeOffer offer) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        dc.Turn.Say(programme.Plan(dc.Turn, null));
        if (offer.Card(dc) is { } card)
        {
            dc.Turn.Replies.Add(card);
        }

        return Task.FromResult(true);
    }
}
