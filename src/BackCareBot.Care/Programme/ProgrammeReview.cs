using System.Globalization;
using BackCareBot.Care.Actions;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Programme;

/// <summary>
/// What a check-in adds after today's answers are in the diary and before today's cards are planned: when to see
/// someone (<see cref="Escalation"/>, first, since it can make the plan gentler), the plan's step
/// (<see cref="Progression"/>) in one sentence, and every seventh day the week's summary card (<see cref="WeeklySummary"/>).
/// </summary>
internal sealed class ProgrammeReview(CareServices services)
{
    /// <summary>The locale keys said by progression and the weekly summary (the content check requires both languages).</summary>
    public static readonly string[] Keys =
    [
        "progression.up", "progression.up_back", "progression.eased",
        "weekly.title", "weekly.checkins", "weekly.pain", "weekly.exercised", "weekly.days_of", "weekly.pain_none", "weekly.pain_same",
        "weekly.pain_down", "weekly.pain_up", "weekly.next", "weekly.next_up", "weekly.next_down", "weekly.next_top", "weekly.next_same",
        "weekly.close", "weekly.close_better", "weekly.close_quiet",
    ];

    private readonly Progression _progression = new(services);
    private readonly Escalation _escalation = new(services);
    private readonly WeeklySummary _weekly = new(services);

    /// <summary><paramref name="compared"/>: today's "compared with yesterday"; the pain score is the check-in's answer.</summary>
    public void AfterCheckIn(DialogContext<CareTurn> dc, string compared)
    {
        var turn = dc.Turn;
        if (turn.State.CheckIn is not { } plan)
        {
            return;
        }

        int? pain = dc.State.Answers.TryGetValue("checkin_pain", out var answer) && int.TryParse(answer, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

        var day = Progression.Day(plan, services.Time.GetUtcNow());
        if (pain is { } score && _escalation.Check(turn, plan, day, score) is { } escalate)
        {
            turn.Say(escalate);
        }

        if (_progression.Step(dc, plan, day, compared) is { } step)
        {
            turn.Say(step);
        }

        if (_weekly.DueOn(day))
        {
            turn.Replies.Add(new CardReply(_weekly.Card(turn, plan, day)));
        }
    }
}
