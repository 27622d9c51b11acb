using System.Text.RegularExpressions;
using BackCareBot.Care.Content;

namespace BackCareBot.Care.Understanding;

/// <summary>An answer understood from typed words: the step's value, and whether a range was given and its higher end taken.</summary>
public sealed record Answer(string Value, bool TookHigher);

/// <summary>
/// Understands answers in people's own words (dialogs/answers.json): synonyms and descriptions ("curled up", 靠右边),
/// two answers at once ("side, sometimes front" = it varies), time spans ("most of the morning", 半个小时),
/// ages and scores in words or digits, ranges ("6 or 7" = 7). Negated words do not count ("no pillow" is not "head").
/// </summary>
public sealed partial class AnswerRecognizer
{
    private readonly Dictionary<string, (AnswerStep Step, Lexicon Lexicon)> _steps = new(StringComparer.Ordinal);

    public AnswerRecognizer(CareContent content)
    {
        foreach (var step in content.Answers.Steps)
        {
            var concepts = new ConceptFile
            {
                Concepts = [.. step.Values.Select(v => new Concept { Id = v.Value, Kind = "answer", English = v.English, Chinese = v.Chinese })],
                Negation = content.Concepts.Negation,
                Lookalikes = content.Concepts.Lookalikes,
            };
            _steps[step.Step] = (step, new Lexicon(concepts));
        }
    }

    public bool Knows(string stepId) => _steps.ContainsKey(stepId);

    public Answer? Recognize(string stepId, string? text)
    {
        if (!_steps.TryGetValue(stepId, out var entry) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var (step, lexicon) = entry;
        var units = TextUnits.Split(step.Kind == "score" ? OutOfTen().Replace(text, " ") : text);
        lexicon.Correct(units);
        var hits = lexicon.Match(units);
        var negated = Negation.Negated(units, hits);
        var covered = new bool[units.Count];
        var named = new List<string>();
        for (var h = 0; h < hits.Count; h++)
        {
            if (hits[h].Role != PhraseRole.Concept)
            {
                continue;
            }

            for (var i = hits[h].Start; i < hits[h].End; i++)
            {
                covered[i] = true;
            }

            if (!negated[h])
            {
                named.AddRange(hits[h].Concepts.Where(c => !named.Contains(c)));
            }
        }

        return step.Kind switch
        {
            "minutes" => FromNumber(step, SpokenQuantities.Span(units, covered, SpokenQuantities.Minutes), named),
            "days" => FromNumber(step, SpokenQuantities.Span(units, covered, SpokenQuantities.Days), named),
            "years" => FromNumber(step, SpokenQuantities.Numbers(units, new bool[units.Count], 120).Highest, named),
            "score" => Score(units, covered, named),
            _ => Choose(step, named),
        };
    }

    private static Answer? Score(List<TextUnit> units, bool[] covered, List<string> named)
    {
        var (highest, distinct) = SpokenQuantities.Numbers(units, covered, 10);
        return highest is { } score
            ? new Answer(score.ToString(System.Globalization.CultureInfo.InvariantCulture), distinct > 1)
            : named.Count == 1 ? new Answer(named[0], false) : null;
    }

    private static Answer? FromNumber(AnswerStep step, double? number, List<string> named)
    {
        if (number is { } n)
        {
            return new Answer(step.Bands.First(b => b.Below is null || n < b.Below).Value, false);
        }

        // Words only: the longest band named ("not long, or most of the morning" = the longer).
        var order = step.Bands.Select(b => b.Value).ToList();
        var best = named.Where(order.Contains).OrderByDescending(order.IndexOf).FirstOrDefault();
        return best is null ? null : new Answer(best, false);
    }

    private static Answer? Choose(AnswerStep step, List<string> named)
    {
        if (named.Count == 0)
        {
            return null;
        }

        if (named.Count == 1)
        {
            return new Answer(named[0], false);
        }

        if (step.Mixed is { } mixed)
        {
            return new Answer(mixed, false);
        }

        var strongest = step.Precedence.FirstOrDefault(named.Contains);
        return strongest is null ? null : new Answer(strongest, false);
    }

    [GeneratedRegex(@"(/|out of|outta|满分|分之)\s*(10|ten|十)\b|/\s*10", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOfTen();
}
