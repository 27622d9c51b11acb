using System.Text.Json.Nodes;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Charts;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Cards;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Tests;

/// <summary>
/// Every card the bot can send, as it sends it: each exercise at each dose (and with feedback noted), each question
/// card, the forms and warning-sign checklists, the pain input, the weekly summary (each trend and next step), the answered and closed summaries, the progress chart's card; in both languages, for Teams and for other channels.
/// </summary>
public static class CardCatalog
{
    public const string ImageBase = "https://bot.example";
    public const string Run = "0a1b2c3d";
    public const string TeamsUser = "29:1test-user-opaque-id";

    /// <summary>The progress card's chart link (a token of the shape the bot makes; the rendering tests serve a chart for it).</summary>
    public const string ChartToken = "q8Zr0cJ3vX1yL7nT5mW2aB9dE4fG6hK0iP3sU8wY1zA";

    private static readonly Lazy<CareContent> Content = new(() => CareContent.Load(CareContent.DefaultFolder));

    /// <summary>A chart as the bot draws it for <see cref="ChartToken"/>'s link: the rendering tests serve it to the browser.</summary>
    public static byte[] ChartPng(string locale = Localizer.English)
    {
        var started = new DateOnly(2026, 6, 1);
        List<Programme.DiaryDay> days = [new(started, 6, "same", "30to60"), new(started.AddDays(1), 5, "better", "under30"), new(started.AddDays(3), 3, "better", "under30")];
        return new ProgressChart(new Localizer(Content.Value)).Render(days, started, started.AddDays(4), locale);
    }

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
                    else if (step.Kind == StepKinds.Form)
                    {
                        Add($"form-{step.Id}-{locale}", cards.Form(locale, step, localizer.Text(locale, step.Prompt!), Run), refresh);
                    }
                }

                var weekly = new WeeklySummaryCard(content, localizer);
                var monday = new DateOnly(2026, 11, 25);
                Add($"weekly-better-up-{locale}", weekly.Build(locale, new WeekFigures(monday, monday.AddDays(6), 7, 7, 6, 2, 7, "up")));
                Add($"weekly-same-down-{locale}", weekly.Build(locale, new WeekFigures(monday, monday.AddDays(6), 7, 3, 4, 5, 1, "down")));
                Add($"weekly-worse-same-{locale}", weekly.Build(locale, new WeekFigures(monday, monday.AddDays(6), 7, 5, 3, 7, 0, "same")));
                Add($"weekly-quiet-top-{locale}", weekly.Build(locale, new WeekFigures(monday, monday.AddDays(2), 3, 0, null, null, 0, "top")));

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
                var trend = localizer.Text(locale, "programme.progress_trend", "first", "6").Replace("{last}", "3", StringComparison.Ordinal).Replace("{count}", "12", StringComparison.Ordinal);
                Add($"progress-{locale}", ProgressCard.Card(content, localizer, locale, $"{imageBase}/private/chart/{ChartToken}.png", 28, trend, TimeSpan.FromMinutes(15)));
            }
        }

        return list;
    }
}
