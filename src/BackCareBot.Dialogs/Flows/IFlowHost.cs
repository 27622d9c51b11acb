using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Dialogs.Flows;

public enum AskReason
{
    /// <summary>The question is asked for the first time (or again after "back" or "why").</summary>
    First,

    /// <summary>The answer did not fit; say what is expected.</summary>
    Retry,

    /// <summary>Several answers did not fit; offer the buttons again and a way out.</summary>
    Stuck,

    /// <summary>"Not sure" on a safety question: explain and ask once more.</summary>
    Clarify,
}

/// <summary>A turn a flow can run in: what the user gave, read once from the activity.</summary>
public interface IFlowTurn
{
    UserInput Input { get; }
}

/// <summary>Reads yes / no / not sure typed to a question: the words every yes/no question takes, then the question's own.</summary>
public interface IYesNoReader
{
    YesNoAnswer? YesNo(FlowStep step, string? text);
}

/// <summary>What a flow needs from the bot that runs it: words, rendering, domain actions, safety hooks and facts.</summary>
public interface IFlowHost<TTurn> : IYesNoReader
    where TTurn : IFlowTurn
{

    Task AskAsync(DialogContext<TTurn> dc, FlowStep step, AskReason reason, CancellationToken cancellationToken);

    Task TellAsync(DialogContext<TTurn> dc, IReadOnlyList<string> keys, CancellationToken cancellationToken);

    IReadOnlyList<ChoiceOption> Options(DialogContext<TTurn> dc, FlowStep step);

    /// <returns>False to stop the flow (e.g. a red flag that ends the self-care path).</returns>
    Task<bool> RunActionAsync(DialogContext<TTurn> dc, string action, CancellationToken cancellationToken);

    /// <returns>False to stop the flow.</returns>
    Task<bool> OnAnsweredAsync(DialogContext<TTurn> dc, FlowStep step, string value, CancellationToken cancellationToken);

    /// <summary>A "Not sure" on a form's card counts as yes: the host says why, before the answer is taken.</summary>
    Task CountUnsureAsYesAsync(DialogContext<TTurn> dc, FlowStep step, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The facts a branch rule can test this turn, besides the answers.</summary>
    IConditionFacts Facts(DialogContext<TTurn> dc);
}
