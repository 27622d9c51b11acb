using BackCareBot.Care.Actions;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Routes;

/// <summary>One entry of the route table: which turns it takes, its handler, and whether the turn loads and saves state.</summary>
internal sealed record CareRoute(string Name, Func<Activity, UserInput, bool> Matches, ICareRoute Handler, bool KeepsState = true);

/// <summary>
/// Every way into the bot, in order; the first route that matches takes the turn, and a turn no route takes is
/// ignored (nothing is loaded or saved). Read this table to find the handler of any turn.
/// </summary>
internal sealed class CareRouter
{
    public const string CardActionInvoke = "adaptiveCard/action";
    public const string CheckInEvent = "checkin";

    private readonly CareRoute[] _routes;

    public CareRouter(CareServices services, IWarningSignCheck warningSigns, TypedAnswers typed, StepCatalog steps, QuestionRenderer questions)
    {
        var texts = services.Texts;
        var open = new OpenQuestion(texts, typed, steps, warningSigns);
        var checkIns = new CheckInCommandStep(services.Programme, services.TimeOffer, new Charts.ProgressCard(texts, services.Content, services.Links, services.Time));
        _routes =
        [
            // Channels and group chats first: health questions are never asked, nor anything stored, where others read along.
            new("group or channel", (a, _) => CareBot.IsGroupConversation(a) && IsHandled(a), new GroupConversationRoute(services.Store, warningSigns, texts), KeepsState: false),
            new("bot added", (a, _) => a.IsType(ActivityTypes.ConversationUpdate) && BotAddedRoute.BotWasAdded(a), new BotAddedRoute()),
            new("check-in event", (a, _) => a.IsType(ActivityTypes.Event) && a.Name == CheckInEvent, new CheckInRoute(services.Programme)),
            new("check-in card", (a, i) => (IsCardAction(a) || a.IsType(ActivityTypes.Message)) && CheckInCardRoute.Handles(i.CardVerb), new CheckInCardRoute(services, checkIns)),
            new("exercise feedback", (a, i) => (IsCardAction(a) || a.IsType(ActivityTypes.Message)) && ExerciseFeedbackRoute.Handles(i.CardVerb), new ExerciseFeedbackRoute(services)),
            new("card refresh", (a, i) => IsCardAction(a) && i.CardVerb == CareCards.RefreshVerb, new CardRefreshRoute(texts, services.Cards, steps, questions)),
            new("card answer", (a, i) => (IsCardAction(a) && i.CardVerb == CareCards.AnswerVerb) || (a.IsType(ActivityTypes.Message) && i.IsCardAnswer), new CardAnswerRoute(texts, services.Cards, steps, open)),
            new("unknown card verb", (a, _) => IsCardAction(a), new UnknownCardVerbRoute()),
            new("message", (a, _) => a.IsType(ActivityTypes.Message), new MessageRoute(texts, new GlobalCommands(texts, new PrivacySummary(texts, steps, services.Content, services.Programme), steps, new Privacy.ExportReply(texts, services.Links)), checkIns, new WeeklySummaryStep(services), new WarningSignStep(new SignCheck(services.Content, warningSigns), texts), open)),
        ];
    }

    public IReadOnlyList<CareRoute> Routes => _routes;

    public CareRoute? Select(Activity activity, UserInput input) => Array.Find(_routes, r => r.Matches(activity, input));

    private static bool IsCardAction(Activity activity) => activity.IsType(ActivityTypes.Invoke) && activity.Name == CardActionInvoke;

    private static bool IsHandled(Activity activity) =>
        activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.ConversationUpdate) || activity.IsType(ActivityTypes.Event) || IsCardAction(activity);
}
