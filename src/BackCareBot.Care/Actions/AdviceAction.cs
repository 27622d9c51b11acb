using System.Text;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>
/// "advice", "advice_tonight", "advice_daily_life": the rows of the advice table said at that moment that fit the
/// answers, with their sources; a row may raise the level. Nothing is said when no row fits.
/// </summary>
internal sealed class AdviceAction(CareContent content, CareTexts texts, string moment) : IFlowAction
{
    private readonly AdvicePlanner _advice = new(content);

    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var rows = _advice.Plan(dc.State.Answers, new TriageFacts(turn.State.Level), moment);
        if (rows.Count == 0)
        {
            return Task.FromResult(true);
        }

        foreach (var level in rows.Select(r => r.Level).OfType<string>())
        {
            turn.State.Level = TriageLevels.Higher(turn.State.Level, level);
        }

        var text = new StringBuilder(texts.T(turn, $"advice.intro.{moment}"));
        foreach (var key in rows.SelectMany(r => r.Advice).Distinct(StringComparer.Ordinal))
        {
            text.Append("\n\n- ").Append(texts.T(turn, key));
        }

        text.Append("\n\n").Append(texts.SourcesLine(turn, rows.SelectMany(r => r.Sources)));
        turn.Say(text.ToString());
        return Task.FromResult(true);
    }
}
