using BackCareBot.Care.Advice;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Care.Actions;

/// <summary>What the routes and actions are built from: the content, its words and cards, the store and the clock.</summary>
internal sealed record CareServices(CareContent Content, CareTexts Texts, CareCards Cards, IStateStore Store, TimeProvider Time)
{
    public ExercisePlanner Exercises { get; } = new(Content);
}
