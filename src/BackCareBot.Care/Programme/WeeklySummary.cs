using BackCareBot.Care.Actions;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Care.Programme;

/// <summary>
/// The weekly summary (programme.json <c>weeklySummary</c>): with the check-in of every seventh programme day, and
/// when "weekly summary" is typed, the figures of the last 7 days from the diary and the cards' feedback, shown by
/// <see cref="WeeklySummaryCard"/>.
/// </summary>
internal sealed class WeeklySummary(CareServices services)
{
    private readonly WeeklySummaryRule _rule = services.Content.Programme.WeeklySummary;
    private readonly WeeklySummaryCard _card = new(services.Content, services.Texts.Localizer);

    public bool DueOn(int day) => day > 0 && day % _rule.EveryDays == 0;

    /// <summary>The card of the week that ends on programme day <paramref name="day"/> (today).</summary>
    public AdaptiveCard Card(CareTurn turn, CheckInPlan plan, int day) => _card.Build(turn.Locale, Figures(turn, plan, day));

    private WeekFigures Figures(CareTurn turn, CheckInPlan plan, int day)
    {
        var from = Math.Max(1, day - _rule.EveryDays + 1);
        var diary = PainDiary.ByDay(plan);
        var week = diary.Where(d => d.Key >= from && d.Key <= day).OrderBy(d => d.Key).Select(d => d.Value).ToList();
        var notes = plan.Notes;
        var exercised = Enumerable.Range(from, day - from + 1).Count(d =>
            notes?.FeltOn(d) is ProgrammeNotes.Done or ProgrammeNotes.Hurt || PainDiary.ExercisesOf(diary, d) is "yes" or "some");
        var state = turn.State;
        var next = notes is { ChangedOn: { } on, Change: { } change } && on >= from ? change
            : state.DoseStepBack == 0 && state.Progress.StepsUp >= services.Content.Programme.Progression.MaxSteps ? "top"
            : "same";
        return new WeekFigures(
            plan.StartedOn.AddDays(from), plan.StartedOn.AddDays(day), day - from + 1, week.Count,
            week.Count > 0 ? week[0].Pain : null, week.Count > 0 ? week[^1].Pain : null, exercised, next);
    }
}
