using System.Globalization;
using System.Text;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Recognition;
using Xunit.Abstractions;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>
/// The corpus answers (rows "step=value") against the answer recognisers: people's words for each question, a time
/// span, an age, a score; yes/no questions through the yes/no recogniser. Prints the accuracy per question and the misses.
/// </summary>
public sealed class AnswerCorpusTests(ITestOutputHelper output)
{
    private static readonly AnswerRecognizer Answers = new(ConversationDriver.Content);

    [Fact]
    public void Answers_in_peoples_words_are_understood()
    {
        var report = new StringBuilder();
        var failures = new List<string>();
        foreach (var locale in Corpus.Locales)
        {
            var rows = Corpus.Load(locale).Where(r => r.IsAnswer).ToList();
            var right = 0;
            report.AppendLine(CultureInfo.InvariantCulture, $"## {locale} answers ({rows.Count})");
            foreach (var group in rows.GroupBy(r => r.Step))
            {
                var ok = group.Count(r => Understood(r) == r.Expect.Split('=')[1]);
                right += ok;
                report.AppendLine(CultureInfo.InvariantCulture, $"{group.Key,-16} {ok}/{group.Count()}");
                foreach (var miss in group.Where(r => Understood(r) != r.Expect.Split('=')[1]))
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"  {(miss.HeldOut ? "held" : "dev")} line {miss.Line} \"{miss.Text}\": expected {miss.Expect}, got {Understood(miss) ?? "nothing"}");
                }
            }

            var accuracy = (double)right / rows.Count;
            report.AppendLine(CultureInfo.InvariantCulture, $"understood {right}/{rows.Count} ({accuracy:P1})").AppendLine();
            if (accuracy < 0.9)
            {
                failures.Add($"{locale}: only {accuracy:P1} of answers understood (bar 90%)");
            }
        }

        output.WriteLine(report.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\n" + report);
    }

    /// <summary>Every choice question of the flows, by id: one without words in answers.json is read by its buttons' words, as the bot reads it.</summary>
    private static readonly Dictionary<string, Dialogs.Flows.FlowStep> ChoiceSteps = ConversationDriver.Content.Flows.Values
        .SelectMany(f => f.Steps).Where(s => s.Kind == Dialogs.Flows.StepKinds.Choice && s.Choices is not null)
        .GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static readonly Localization.Localizer Labels = new(ConversationDriver.Content);

    private static readonly TypedAnswers Typed = new(ConversationDriver.Content);

    private static readonly HashSet<string> YesNoSteps = [.. ConversationDriver.Content.Flows.Values
        .SelectMany(f => f.Steps).Where(s => s.Kind == Dialogs.Flows.StepKinds.YesNo).Select(s => s.Id)];

    internal static string? Understood(Utterance row) =>
        YesNoSteps.Contains(row.Step)
            ? Typed.YesNo(row.Step, row.Text) switch
            {
                YesNoAnswer.Yes => "yes",
                YesNoAnswer.No => "no",
                YesNoAnswer.Unsure => "unsure",
                _ => null,
            }
            : Answers.Knows(row.Step)
            ? Answers.Recognize(row.Step, row.Text)?.Value
            : ChoiceSteps.TryGetValue(row.Step, out var choice)
            ? ChoiceRecognizer.Recognize(row.Text, [.. choice.Choices!.Select(c => new ChoiceOption(c.Value, Labels.Phrases(c.Label)))])
            : ConversationDriver.Content.YesNo.Recognize(row.Text) switch
            {
                YesNoAnswer.Yes => "yes",
                YesNoAnswer.No => "no",
                YesNoAnswer.Unsure => "unsure",
                _ => null,
            };
}
