using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"shoulder_blades": pain between the shoulder blades is not this bot's lower-back path; it needs a clinician (L3).</summary>
internal sealed class ShoulderBladesAction(CareTexts texts) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        turn.State.Level = TriageLevels.Higher(turn.State.Level, "L3");
        turn.Say(texts.Fill(turn, texts.T(turn, "route.shoulder_blades")));
        return Task.FromResult(true);
    }
}
