using System.Text.Json.Nodes;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Tests;

/// <summary>
/// How many answers a person with no warning signs gives before the first advice and before the exercise cards,
/// in both languages, answering whatever the bot asks; and that no warning-sign group was skipped on the way.
/// </summary>
public sealed class PathLengthTests
{
    /// <summary>Issue 14, item 16: first advice within 12 answers.</summary>
    private const int MaxAnswersToFirstAdvice = 12;

    /// <summary>Issue 14, item 16: the exercise cards within 14 answers (the scope questions are one card, each warning-sign group one checklist).</summary>
    private const int MaxAnswersToExerciseCards = 14;

    /// <summary>The answers of a person with no warning signs, by step; any other yes/no question gets "no".</summary>
    private static readonly Dictionary<string, string> NoFlagAnswers = new(StringComparer.Ordinal)
    {
        ["consent"] = "yes", ["age"] = "16to49", ["pregnant"] = "no", ["spine_surgery"] = "no", ["sleep_position"] = "back", ["pillows"] = "head",
        ["mattress"] = "medium", ["pain_area"] = "centre", ["stiffness"] = "under30", ["direction"] = "neither",
    };

    /// <summary>
    /// Answers whatever the bot asks: the scope form's card is sent filled in (one answer); a checklist gets its
    /// "None of these" button, pressed on the card or typed as a Teams user may type it; other questions get the
    /// title of the answer's button, typed.
    /// </summary>
    [Theory]
    [InlineData("en-GB", false)]
    [InlineData("en-GB", true)]
    [InlineData("zh-CN", false)]
    [InlineData("zh-CN", true)]
    public async Task A_person_with_no_warning_signs_reaches_the_first_advice_within_12_answers_and_the_exercises_within_14(string locale, bool typesNone)
    {
        var content = ConversationDriver.Content;
        var language = locale.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en";
        var text = content.Locales[language].Strings;
        var steps = content.Flows.Values.SelectMany(f => f.Steps).Where(s => s.Prompt is not null).ToList();
        var groups = content.Flows["redflags"].Steps.Where(s => StepKinds.Asks(s.Kind) && s.Id.StartsWith("rf_g", StringComparison.Ordinal)).Select(s => s.Id).ToHashSet();
        var bot = new ConversationDriver(locale: locale);

        var replies = await bot.SayAsync(language == "en" ? "hi" : "你好");
        var answers = 0;
        int? toAdvice = null;
        int? toCards = null;
        var asked = new HashSet<string>();
        while (toCards is null && answers < 40)
        {
            var said = string.Join("\n", replies.Select(r => r.Visible));
            toAdvice ??= said.Contains(text["advice.intro.tonight"], StringComparison.Ordinal) ? answers : null;
            toCards ??= replies.Any(r => r.Exercises.Any()) ? answers : null;
            var card = QuestionCardData(replies);
            var question = card?["step"]?.GetValue<string>() is { } id ? steps.First(s => s.Id == id && s.Prompt is not null && said.Contains(text[s.Prompt], StringComparison.Ordinal))
                : steps.LastOrDefault(s => said.Contains(text[s.Prompt!], StringComparison.Ordinal));
            if (toCards is not null || question is null)
            {
                break;
            }

            asked.Add(question.Id);
            answers++;
            if (question.Kind == StepKinds.Form && (question.None is null || !typesNone))
            {
                var submit = new JsonObject { ["step"] = question.Id, ["run"] = card!["run"]!.GetValue<string>(), ["verb"] = "answer" };
                foreach (var field in question.Fields!)
                {
                    submit[field] = question.None is null ? NoFlagAnswers[field] : "no";
                }

                if (question.None is not null)
                {
                    submit["value"] = "none";
                }

                replies = await bot.SubmitAsync(submit);
                continue;
            }

            var value = question.Kind == StepKinds.Number ? "3" : NoFlagAnswers.GetValueOrDefault(question.Id, "no");
            var label = question.Kind switch
            {
                StepKinds.Form => text[question.None!],
                StepKinds.YesNo => text[value == "yes" ? "button.yes" : "button.no"],
                StepKinds.Choice => text[question.Choices!.Single(c => c.Value == value).Label],
                _ => value,
            };
            replies = await bot.SayAsync(label);
        }

        Assert.True(toAdvice is not null && toAdvice <= MaxAnswersToFirstAdvice, $"{locale}: first advice after {toAdvice?.ToString() ?? "never"} answers");
        Assert.True(toCards is not null && toCards <= MaxAnswersToExerciseCards, $"{locale}: exercise cards after {toCards?.ToString() ?? "never"} answers");
        Assert.Contains("scope", asked);
        Assert.Subset(asked, groups);
        Assert.Equal(5, groups.Count);
    }

    /// <summary>The data of the last question card's buttons (its step and run), if the last replies hold one.</summary>
    private static JsonObject? QuestionCardData(IReadOnlyList<BotReply> replies) =>
        replies.SelectMany(r => r.Cards).SelectMany(c => Descendants(c)).OfType<JsonObject>()
            .Select(o => o["data"] as JsonObject).LastOrDefault(d => d?["step"] is not null && d["run"] is not null);

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(v => Descendants(v).Prepend(v)),
        JsonArray a => a.SelectMany(v => Descendants(v).Prepend(v)),
        _ => [],
    };
}
