using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// The meaning of answers.json: each entry names a question the flows ask, its answers are that question's choices
/// (numbers for a score), so are the answers its first-message words give, the questions it is also used for have the same answers, bands are in rising order with an open last band, every answer has words in both languages, and the yes/no words are each under one answer and written as messages are read.
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

            bool Valid(string value) => answer.Kind switch
            {
                "score" => int.TryParse(value, out var n) && n >= (step.Min ?? 0) && n <= (step.Max ?? 10),
                "yesno" => value is AnswerYesNo.Yes or AnswerYesNo.No or AnswerYesNo.Unsure,
                _ => choices?.Contains(value) == true,
            };
            if ((answer.Kind == "score") != (step.Kind == StepKinds.Number) || (answer.Kind == "yesno") != (step.Kind == StepKinds.YesNo))
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

        ValidateYesNo(content.Answers.YesNo, problems);
        return problems;
    }

    /// <summary>
    /// yesNo: one entry each for yes, no and unsure with words in both languages, no word under two answers, and every
    /// word written as the recogniser reads messages (lower case, no punctuation but ' and /), so it can match.
    /// </summary>
    private static void ValidateYesNo(AnswerYesNo yesNo, List<string> problems)
    {
        var where = $"{File}: yesNo";
        foreach (var value in new[] { AnswerYesNo.Yes, AnswerYesNo.No, AnswerYesNo.Unsure })
        {
            var entries = yesNo.Values.Count(v => v.Value == value);
            if (entries != 1)
            {
                problems.Add($"{where}: '{value}' needs exactly one entry, not {entries}");
            }
        }

        foreach (var words in yesNo.Values)
        {
            if (words.Value is not (AnswerYesNo.Yes or AnswerYesNo.No or AnswerYesNo.Unsure))
            {
                problems.Add($"{where}: '{words.Value}' is not yes, no or unsure");
            }

            if (words.English.Count == 0 || words.Chinese.Count == 0)
            {
                problems.Add($"{where}: answer '{words.Value}' needs words in both English and Chinese");
            }
        }

        var answerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var words in yesNo.Values)
        {
            foreach (var word in words.English.Concat(words.Chinese))
            {
                if (answerOf.TryGetValue(word, out var other) && other != words.Value)
                {
                    problems.Add($"{where}: '{word}' is under both '{other}' and '{words.Value}'");
                }

                answerOf.TryAdd(word, words.Value);
            }
        }

        var all = yesNo.Values.SelectMany(v => v.English.Concat(v.Chinese))
            .Concat(yesNo.Strengthen.English).Concat(yesNo.Strengthen.Chinese)
            .Concat(yesNo.NoEndings.English).Concat(yesNo.NoEndings.Chinese)
            .Concat(yesNo.Openers.English).Concat(yesNo.Openers.Chinese)
            .Concat(yesNo.Closers.English).Concat(yesNo.Closers.Chinese);
        foreach (var word in all.Where(w => TextNormalizer.Normalize(w) != w).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"{where}: '{word}' is not written as messages are read (lower case, no punctuation): '{TextNormalizer.Normalize(word)}'");
        }
    }
}
