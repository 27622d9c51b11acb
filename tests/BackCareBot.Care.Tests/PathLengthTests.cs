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

    /// <summary>Today's count to the exercise cards; 14 needs the scope questions on one card (a step kind to come).</summary>
    private const int MaxAnswersToExerciseCards = 16;

    /// <summary>The answers of a person with no warning signs, by step; any other yes/no question gets "no".</summary>
    private static readonly Dictionary<string, string> NoFlagAnswers = new(StringComparer.Ordinal)
    {
        ["consent"] = "yes", ["age"] = "16to49", ["sleep_position"] = "back", ["pillows"] = "head", ["mattress"] = "medium",
        ["pain_area"] = "centre", ["stiffness"] = "under30", ["direction"] = "neither",
    };

    [Theory]
    [InlineData("en-GB")]
    [InlineData("zh-CN")]
    public async Task A_person_with_no_warning_signs_reaches_the_first_advice_within_12_answers(string locale)
    {
        var content = ConversationDriver.Content;
        var language = locale.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en";
        var text = content.Locales[language].Strings;
        var steps = content.Flows.Values.SelectMany(f => f.Steps).Where(s => s.Prompt is not null).ToList();
        var groups = content.Flows["redflags"].Steps.Where(s => s.Kind == StepKinds.YesNo && s.Id.StartsWith("rf_g", StringComparison.Ordinal)).Select(s => s.Id).ToHashSet();
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
            var question = steps.LastOrDefault(s => said.Contains(text[s.Prompt!], StringComparison.Ordinal));
            if (toCards is not null || question is null)
            {
                break;
            }

            asked.Add(question.Id);
            var value = question.Kind == StepKinds.Number ? "3" : NoFlagAnswers.GetValueOrDefault(question.Id, "no");
            var label = question.Kind switch
            {
                StepKinds.YesNo => text[value == "yes" ? "button.yes" : "button.no"],
                StepKinds.Choice => text[question.Choices!.Single(c => c.Value == value).Label],
                _ => value,
            };
            answers++;
            replies = await bot.SayAsync(label);
        }

        Assert.True(toAdvice is not null && toAdvice <= MaxAnswersToFirstAdvice, $"{locale}: first advice after {toAdvice?.ToString() ?? "never"} answers");
        Assert.True(toCards is not null && toCards <= MaxAnswersToExerciseCards, $"{locale}: exercise cards after {toCards?.ToString() ?? "never"} answers");
        Assert.Subset(asked, groups);
        Assert.Equal(5, groups.Count);
    }
}
