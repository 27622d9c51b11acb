using BackCareBot.Care.Content;

namespace BackCareBot.Care.Tests;

/// <summary>
/// Property: in no conversation where a red flag of level L1-L3 was answered "yes" does an exercise card ever
/// appear (L4 flags such as "50 or older with new pain" allow gentle self-care, clinical.md 2.1). Many generated
/// answer paths, each choosing among the offered answers at random.
/// </summary>
public sealed class RedFlagPropertyTests
{
    [Fact]
    public async Task No_path_with_a_red_flag_ever_shows_an_exercise_card()
    {
        var redFlagQuestions = RedFlagQuestionTexts();
        var flaggedPaths = 0;
        var exercisePaths = 0;
        for (var seed = 1; seed <= 300; seed++)
        {
            var random = new Random(seed);
            var bot = new ConversationDriver(locale: seed % 3 == 0 ? "zh-CN" : "en-GB");
            var replies = await bot.SayAsync(seed % 3 == 0 ? "你好" : "hi");
            var flagged = false;
            var log = new List<string>();
            for (var turn = 0; turn < 60 && replies.Count > 0; turn++)
            {
                Assert.False(flagged && replies.Any(r => r.Exercises.Any()), $"seed {seed}: exercise card after a red flag:\n{string.Join("\n", log)}");
                exercisePaths += replies.Any(r => r.Exercises.Any()) ? 1 : 0;
                var question = replies.LastOrDefault(r => r.Buttons.Count > 0 || r.Cards.Count > 0);
                if (question is null)
                {
                    break;
                }

                // Consent, age, pregnancy and surgery get the answers that continue, so paths reach the screen.
                var answer = turn < 4
                    ? question.Buttons[turn == 0 ? 0 : 1]
                    : PickAnswer(question, random, redFlagQuestions.Any(q => question.Visible.Contains(q, StringComparison.Ordinal)));
                if (redFlagQuestions.Any(q => question.Visible.Contains(q, StringComparison.Ordinal)) && answer is "Yes" or "是")
                {
                    flagged = true;
                }

                log.Add($"bot: {question.Visible[..Math.Min(80, question.Visible.Length)]} | user: {answer}");
                replies = answer.StartsWith('{') ? await bot.SubmitAsync(System.Text.Json.Nodes.JsonNode.Parse(answer)!.AsObject()) : await bot.SayAsync(answer);
            }

            flaggedPaths += flagged ? 1 : 0;
        }

        // The generator must really explore both kinds of path, or the property says nothing.
        Assert.True(flaggedPaths > 50, $"only {flaggedPaths} flagged paths");
        Assert.True(exercisePaths > 20, $"only {exercisePaths} paths reached exercise cards");
    }

    private static string PickAnswer(BotReply question, Random random, bool isRedFlag)
    {
        if (question.Buttons.Count > 0)
        {
            // Flag questions: "yes" one time in eight (a group drills down into up to eleven of them), so both kinds of path are common.
            var buttons = question.Buttons;
            if (isRedFlag)
            {
                return random.Next(8) == 0 ? buttons[0] : buttons[1];
            }

            return buttons[random.Next(buttons.Count)];
        }

        var card = question.Cards[^1];
        var submits = (card["actions"]?.AsArray() ?? []).Concat(card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()))
            .Where(a => a!["data"]?["step"] is not null).ToList();
        var data = submits[random.Next(submits.Count)]!["data"]!.DeepClone().AsObject();
        data["value"] ??= random.Next(0, 11).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return data.ToJsonString();
    }

    private static List<string> RedFlagQuestionTexts()
    {
        var content = ConversationDriver.Content;
        // The questions that raise an L1-L3 flag on "yes" (group questions only lead to them).
        var blocking = content.RedFlags.Flags.Where(f => f.Level is "L1" or "L2" or "L3").Select(f => f.Id).ToHashSet();
        var keys = content.Flows.Values.SelectMany(f => f.Steps).Where(s => s.Flag is not null && blocking.Contains(s.Flag)).Select(s => s.Prompt!).Distinct();
        return [.. keys.SelectMany(k => new[] { content.Locales["en"].Strings[k], content.Locales["zh-CN"].Strings[k] })];
    }
}
