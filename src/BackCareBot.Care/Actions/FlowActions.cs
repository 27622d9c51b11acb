using BackCareBot.Care.Advice;

namespace BackCareBot.Care.Actions;

/// <summary>
/// Every action a flow step may name, each one small class. The content validator checks step names against
/// <see cref="Names"/>, so a misspelt action in dialogs/ stops start-up instead of failing a user's turn.
/// </summary>
internal sealed class FlowActions
{
    private static readonly (string Name, Func<CareServices, IFlowAction> Create)[] Table =
    [
        ("triage", s => new TriageAction(s.Texts)),
        ("out_of_scope", s => new OutOfScopeAction(s.Texts)),
        ("shoulder_blades", s => new ShoulderBladesAction(s.Texts)),
        ("advice", s => new AdviceAction(s.Content, s.Texts, AdvicePlanner.Main)),
        ("advice_tonight", s => new AdviceAction(s.Content, s.Texts, AdvicePlanner.Tonight)),
        ("advice_daily_life", s => new AdviceAction(s.Content, s.Texts, AdvicePlanner.DailyLife)),
        ("exercises", s => new ExercisesAction(new ExercisePlanCards(s))),
        ("schedule_checkin", s => new ScheduleCheckInAction(s.Programme, s.TimeOffer)),
        ("checkin_card", s => new CheckInCardAction(s.Content)),
        ("checkin_pain_rise", _ => new CheckInPainRiseAction()),
        ("checkin_plan", s => new CheckInPlanAction(s.Texts, new ExercisePlanCards(s), s.Programme, new Programme.ProgrammeReview(s))),
        ("quiz_score", s => new QuizScoreAction(s.Content, s.Texts)),
        ("closing", s => new ClosingAction(s.Texts)),
        ("forget", s => new ForgetAction(s.Texts, s.Store, s.Links)),
    ];

    private readonly Dictionary<string, IFlowAction> _actions;

    public FlowActions(CareServices services) =>
        _actions = Table.ToDictionary(a => a.Name, a => a.Create(services), StringComparer.Ordinal);

    public static IReadOnlySet<string> Names { get; } = Table.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

    public IFlowAction Find(string name) =>
        _actions.TryGetValue(name, out var action) ? action : throw new InvalidOperationException($"No action '{name}'.");
}
