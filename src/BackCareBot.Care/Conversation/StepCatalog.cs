using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Conversation;

/// <summary>The steps of every flow, by id and by (flow, step), read from the content rather than from the dialogs.</summary>
internal sealed class StepCatalog
{
    private readonly Dictionary<string, FlowStep> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Flow, string Step), FlowStep> _byFlow = [];

    public StepCatalog(CareContent content)
    {
        foreach (var flow in content.Flows.Values)
        {
            foreach (var step in flow.Steps)
            {
                _byId.TryAdd(step.Id, step);
                _byFlow.TryAdd((flow.Id, step.Id), step);
            }
        }
    }

    /// <summary>A step by id, the first flow that has it winning (card data and stored answers name steps by id).</summary>
    public FlowStep? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The step the active dialog is at, if any.</summary>
    public FlowStep? Current(DialogContext<CareTurn> dc) =>
        dc.ActiveFrame is { StepId: { } step } frame ? _byFlow.GetValueOrDefault((frame.DialogId, step)) : null;
}
