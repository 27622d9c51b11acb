using System.Globalization;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>
/// "checkin_pain_rise": whether this morning's pain is 2 or more points above the last known one (the previous
/// check-in, or the first check), as the answer "checkin_pain_rise" that the check-in flow branches on.
/// </summary>
internal sealed class CheckInPainRiseAction : IFlowAction
{
    public const string Answer = "checkin_pain_rise";
    private const int Rise = 2;

    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var answers = dc.State.Answers;
        var rose = Score(answers, "checkin_pain") is { } now && Score(answers, "pain_now") is { } before && now - before >= Rise;
        answers[Answer] = rose ? "yes" : "no";
        return Task.FromResult(true);
    }

    private static int? Score(Dictionary<string, string> answers, string step) =>
        answers.TryGetValue(step, out var value) && int.TryParse(value, CultureInfo.InvariantCulture, out var score) ? score : null;
}
