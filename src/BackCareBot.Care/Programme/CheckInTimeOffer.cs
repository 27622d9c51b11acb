using BackCareBot.Care.Cards;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Programme;

/// <summary>The time card for the user's plan, asking for the time zone too while the zone is a guess (asked once: until picked).</summary>
internal sealed class CheckInTimeOffer(CheckInCards cards, TimeProvider time)
{
    public CardReply? Card(DialogContext<CareTurn> dc)
    {
        var turn = dc.Turn;
        if (turn.State.CheckIn is not { } plan)
        {
            return null;
        }

        var zones = plan.ZoneGuessed ? CheckInZones.For(turn.Activity.Locale ?? turn.Locale) : null;
        return new CardReply(cards.Time(turn.Locale, plan, dc.State.EnsureRun(), zones, time.GetUtcNow()));
    }
}
