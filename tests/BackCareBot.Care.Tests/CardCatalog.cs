using System.Text.Json.Nodes;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Cards;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Tests;

/// <summary>
/// Every card the bot can send, as it sends it: each exercise at each dose (and with feedback noted), each question
/// card, the pain input, the answered and closed summaries; in both languages, for Teams and for other channels.
/// </summary>
public static class CardCatalog
{
    public const string ImageBase = "https://bot.example";
    public const string Run = "0a1b2c3d";
    public const string TeamsUser = "29:1test-user-opaque-id";

    private static readonly Lazy<CareContent> Content = new(() => CareContent.Load(CareContent.DefaultFolder));

    public static IReadOnlyList<(string Name, JsonObject Card)> All(string imageBase = ImageBase)
    {
        var content = Content.Value;
        var localizer = new Localizer(content);
        var cards = new CareCards(content, localizer, () => imageBase);
        var list = new List<(string, JsonObject)>();
        foreach (var channel in new[] { CareCards.TeamsChannel, "webchat" })
        {
            var activity = new Activity { ChannelId = channel, From = new ChannelAccount { Id = TeamsUser } };
            void Add(string name, AdaptiveCard card, JsonObject? refresh = null) =>
                list.Add(($"{name}-{channel}", JsonNode.Parse(CareCards.ToJson(CareCards.ForChannel(card, activity, refresh)).GetRawText())!.AsObject()));

            foreach (var locale in new[] { Localizer.English, Localizer.Chinese })
            {
                foreach (var exercise in content.Exercises.Exercises)
                {
                    Add($"exercise-{exercise.Id}-standard-{locale}", cards.Exercise(locale, new PlannedExercise(exercise, exercise.Dose.Standard!, false), 1));
                    Add($"exercise-{exercise.Id}-gentle-{locale}", cards.Exercise(locale, new PlannedExercise(exercise, exercise.Dose.Gentle!, true), 1));
                    Add($"exercise-{exercise.Id}-noted-{locale}", cards.Exercise(locale, new PlannedExercise(exercise, exercise.Dose.Gentle!, true), 1, localizer.Text(locale, "card.noted", "answer", localizer.Text(locale, "card.done"))));
                }

                foreach (var step in content.Flows.Values.SelectMany(f => f.Steps))
                {
                    var refresh = new JsonObject { ["step"] = step.Id, ["run"] = Run };
                    if (step.Kind == StepKinds.Choice)
                    {
                        Add($"question-{step.Id}-{locale}", cards.Choice(locale, step, localizer.Text(locale, step.Prompt!), step.Choices!, Run), refresh);
                    }
                    else if (step.Kind == StepKinds.Number)
                    {
                        Add($"pain-{step.Id}-{locale}", cards.Number(locale, step, localizer.Text(locale, step.Prompt!), Run), refresh);
                    }
                }

                // The check-in cards: the day's card with and without last answers filled in, the time card with and without the zone question.
                var checkIns = new CheckInCards(cards, localizer);
                var checkInSteps = content.Flows["checkin"].Steps;
                var pain = checkInSteps.Single(s => s.Card == CheckInCards.Card);
                var prompt = localizer.Text(locale, pain.Prompt!);
                Add($"checkin-{locale}", checkIns.Daily(locale, pain, prompt, Run, checkInSteps, new Dictionary<string, string>()), new JsonObject { ["step"] = pain.Id, ["run"] = Run });
                Add($"checkin-filled-{locale}", checkIns.Daily(locale, pain, prompt, Run, checkInSteps, new Dictionary<string, string> { ["stiffness"] = "over60", ["slept"] = "varies", ["exercised"] = "some" }));
                var plan = new CheckInPlan { TimeZone = "Europe/London", Minutes = 450 };
                var now = new DateTimeOffset(2026, 11, 24, 7, 30, 0, TimeSpan.Zero);
                Add($"checkin-time-{locale}", checkIns.Time(locale, plan, Run, null, now));
                Add($"checkin-time-zone-{locale}", checkIns.Time(locale, plan, Run, CheckInZones.For(locale == Localizer.Chinese ? "zh-CN" : "en-US"), now));

                var question = localizer.Text(locale, "q.sleep_position");
                Add($"answered-{locale}", cards.Answered(locale, question, localizer.Text(locale, "choice.sleep_position.side")));
                Add($"closed-{locale}", cards.Closed(locale, question));
            }
        }

        return list;
    }
}
