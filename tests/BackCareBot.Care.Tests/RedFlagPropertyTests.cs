using System.Text.Json.Nodes;
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

                // Consent and the scope card (age, pregnancy, surgery) get the answers that continue, so paths reach the screen.
                var answer = turn == 0
                    ? question.Buttons[0]
                    : PickAnswer(question, random, redFlagQuestions.Any(q => question.Visible.Contains(q, StringComparison.Ordinal)));
                if (question.Buttons.Count > 0 && redFlagQuestions.Any(q => question.Visible.Contains(q, StringComparison.Ordinal)) && answer is "Yes" or "是")
                {
                    flagged = true;
                }

                // A checklist card: a sign of an L1-L3 flag marked Yes or Not sure (which counts as yes) is a flag.
                flagged |= question.Buttons.Count == 0 && ChoiceInputs(question.Cards[^1])
                    .Any(i => redFlagQuestions.Contains(i["label"]!.GetValue<string>()) && JsonNode.Parse(answer)![i["id"]!.GetValue<string>()]?.GetValue<string>() is "yes" or "unsure");

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
        var inputs = ChoiceInputs(card).ToList();
        foreach (var input in inputs)
        {
            // The scope form gets the answers that continue (an adult, not pregnant, no spine surgery); on a checklist
            // sent with "Send", each sign is Yes one time in twenty-four and Not sure one in forty-eight, else No
            // ("None of these" is pressed with every sign left at No).
            var id = input["id"]!.GetValue<string>();
            var roll = random.Next(48);
            data[id] = id switch
            {
                "age" => roll % 2 == 0 ? "16to49" : "50plus",
                "pregnant" or "spine_surgery" => "no",
                _ when data["value"] is not null => "no",
                _ => roll < 2 ? "yes" : roll == 2 ? "unsure" : "no",
            };
        }

        if (inputs.Count == 0)
        {
            data["value"] ??= random.Next(0, 11).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return data.ToJsonString();
    }

    /// <summary>The choice inputs of a card (a form's questions, a checklist's signs).</summary>
    private static IEnumerable<JsonObject> ChoiceInputs(JsonObject card) =>
        (card["body"]?.AsArray() ?? []).OfType<JsonObject>().Where(e => e["type"]?.GetValue<string>() == "Input.ChoiceSet");

    private static List<string> RedFlagQuestionTexts()
    {
        var content = ConversationDriver.Content;
        // The questions that raise an L1-L3 flag on "yes" (group questions only lead to them).
        var blocking = content.RedFlags.Flags.Where(f => f.Level is "L1" or "L2" or "L3").Select(f => f.Id).ToHashSet();
        var keys = content.Flows.Values.SelectMany(f => f.Steps).Where(s => s.Flag is not null && blocking.Contains(s.Flag)).Select(s => s.Prompt!).Distinct();
        return [.. keys.SelectMany(k => new[] { content.Locales["en"].Strings[k], content.Locales["zh-CN"].Strings[k] })];
    }
}
