using BackCareBot.Care.Advice;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Care.Actions;

/// <summary>What the routes and actions are built from: the content, its words and cards, the store, the clock, the check-in settings and the private links.</summary>
internal sealed record CareServices(CareContent Content, CareTexts Texts, CareCards Cards, IStateStore Store, TimeProvider Time, CheckInOptions CheckIns, Privacy.PrivateLinks Links)
{
    public ExercisePlanner Exercises { get; } = new(Content);

    public CheckInProgramme Programme { get; } = new(Texts, CheckIns, Time);

    public CheckInCards CheckInCards { get; } = new(Cards, Texts.Localizer);

    public CheckInTimeOffer TimeOffer => new(CheckInCards, Time);
}
