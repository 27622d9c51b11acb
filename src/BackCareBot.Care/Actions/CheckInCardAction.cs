using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Actions;

/// <summary>
/// "checkin_card": the check-in card sends its drop-downs (stiffness, sleeping position, exercises) with the pain
/// score; each value that is one of its question's choices answers that question, so it is not asked again. A typed
/// pain score carries none of them, and the questions follow one by one.
/// </summary>
internal sealed class CheckInCardAction(CareContent content) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var input = dc.Turn.Input;
        if (input.Data is { } data && input.CardStepId == "checkin_pain")
        {
            var steps = content.Flows[CheckInProgramme.Flow].Steps;
            foreach (var (name, stepId) in CheckInCards.Inputs)
            {
                var value = UserInput.ReadString(data, name);
                if (steps.Find(s => s.Id == stepId)?.Choices?.Exists(c => c.Value == value) == true)
                {
                    dc.State.Answers[stepId] = value!;
                }
            }
        }

        return Task.FromResult(true);
    }
}
