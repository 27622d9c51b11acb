using BackCareBot.Care.Actions;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Routes;

/// <summary>"weekly summary" / "每周小结" at any question: the summary card of the last 7 programme days, then the open question again.</summary>
internal sealed class WeeklySummaryStep(CareServices services)
{
    private static readonly HashSet<string> Phrases = new(
        new[] { "weekly summary", "my weekly summary", "week summary", "my week", "summary of my week", "每周小结", "本周小结", "每周总结", "这周怎么样", "一周小结" }.Select(TextNormalizer.Normalize),
        StringComparer.Ordinal);

    private readonly WeeklySummary _weekly = new(services);

    /// <returns>True when the text asked for the weekly summary and the turn is done.</returns>
    public async Task<bool> TryRunAsync(DialogContext<CareTurn> dc, string? text, CancellationToken cancellationToken)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (!Phrases.Contains(normalized) && !Phrases.Contains(normalized.Replace(" ", "", StringComparison.Ordinal)))
        {
            return false;
        }

        var turn = dc.Turn;
        if (turn.State.CheckIn is { } plan)
        {
            var day = Math.Clamp(Progression.Day(plan, services.Time.GetUtcNow()), 1, CheckInSchedule.ProgrammeDays - 1);
            turn.Replies.Add(new CardReply(_weekly.Card(turn, plan, day)));
        }
        else
        {
            turn.Say(services.Texts.T(turn, "programme.none"));
        }

        await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
