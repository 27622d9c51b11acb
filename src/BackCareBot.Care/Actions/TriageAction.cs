using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"triage": tells the user the urgency the screening reached, with a note for L3.</summary>
internal sealed class TriageAction(CareTexts texts) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var note = turn.State.Level == "L3" ? $"\n\n{texts.T(turn, "triage.l3_note")}" : string.Empty;
        turn.Say(texts.LevelMessage(turn, turn.State.Level) + note);
        return Task.FromResult(true);
    }
}
