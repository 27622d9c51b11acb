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

/// <summary>What a flow needs from the bot that runs it: words, rendering, domain actions and safety hooks.</summary>
public interface IFlowHost
{
    Task AskAsync(DialogContext dc, FlowStep step, AskReason reason, CancellationToken cancellationToken);

    Task TellAsync(DialogContext dc, IReadOnlyList<string> keys, CancellationToken cancellationToken);

    IReadOnlyList<ChoiceOption> Options(DialogContext dc, FlowStep step);

    /// <returns>False to stop the flow (e.g. a red flag that ends the self-care path).</returns>
    Task<bool> RunActionAsync(DialogContext dc, string action, CancellationToken cancellationToken);

    /// <returns>False to stop the flow.</returns>
    Task<bool> OnAnsweredAsync(DialogContext dc, FlowStep step, string value, CancellationToken cancellationToken);

    Task StaleAnswerAsync(DialogContext dc, CancellationToken cancellationToken);

    bool LevelAtLeast(DialogContext dc, string level);
}
