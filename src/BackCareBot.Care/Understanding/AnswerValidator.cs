using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// The meaning of answers.json: each entry names a question the flows ask, its answers are that question's choices
/// (numbers for a score), so are the answers its first-message words give, the questions it is also used for have the same answers, bands are in rising order with an open last band, and every answer has words in both languages.
/// </summary>
public static class AnswerValidator
{
    private const string File = "answers.json";

    public static IReadOnlyList<string> Validate(CareContent content)
    {
        var problems = new List<string>();
        var steps = content.Flows.Values.SelectMany(f => f.Steps).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var answer in content.Answers.Steps)
        {
            var where = $"{File}: step '{answer.Step}'";
            if (!steps.TryGetValue(answer.Step, out var step))
            {
                problems.Add($"{where}: no flow asks this step");
                continue;
            }

            var choices = step.Choices?.Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var also in answer.Also)
            {
                if (!steps.TryGetValue(also, out var other) || other.Kind != step.Kind
                    || !(other.Choices?.Select(c => c.Value).ToHashSet(StringComparer.Ordinal) ?? []).SetEquals(choices ?? []))
                {
                    problems.Add($"{where}: also '{also}' is not a question with the same answers");
                }
            }

            bool Valid(string value) => answer.Kind == "score" ? int.TryParse(value, out var n) && n >= (step.Min ?? 0) && n <= (step.Max ?? 10) : choices?.Contains(value) == true;
            if ((answer.Kind == "score") != (step.Kind == StepKinds.Number))
            {
                problems.Add($"{where}: kind '{answer.Kind}' does not fit a '{step.Kind}' question");
            }

            foreach (var value in answer.Values.Concat(answer.Heard).Select(v => v.Value).Concat(answer.Bands.Select(b => b.Value)).Concat(answer.Precedence)
                         .Append(answer.Mixed).OfType<string>().Where(v => !Valid(v)).Distinct())
            {
                problems.Add($"{where}: '{value}' is not an answer of this question");
            }

            foreach (var words in answer.Values.Concat(answer.Heard).Where(v => v.English.Count == 0 || v.Chinese.Count == 0))
            {
                problems.Add($"{where}: answer '{words.Value}' needs words in both English and Chinese");
            }

            for (var i = 0; i < answer.Bands.Count; i++)
            {
                var last = i == answer.Bands.Count - 1;
                if (last != (answer.Bands[i].Below is null) || (i > 0 && answer.Bands[i].Below <= answer.Bands[i - 1].Below))
                {
                    problems.Add($"{where}: band '{answer.Bands[i].Value}' is out of order (rising limits, the last without one)");
                }
            }
        }

        return problems;
    }
}
