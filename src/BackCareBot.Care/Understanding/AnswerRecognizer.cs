using System.Text.RegularExpressions;
using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Recognition;

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

    /// <summary>Every question's heard words in one lexicon, as "step:value", so a describing message is read once.</summary>
    private readonly Lexicon _heard;

    private readonly SelfCorrections _corrections;

    public AnswerRecognizer(CareContent content)
    {
        _corrections = new SelfCorrections(content.Answers.Corrections.English.Concat(content.Answers.Corrections.Chinese));
        foreach (var step in content.Answers.Steps)
        {
            var entry = (step, Build(content, step.Values, step.Kind == "yesno"));
            foreach (var id in step.Also.Prepend(step.Step))
            {
                _steps[id] = entry;
            }
        }

        // Out of context only the heard words count: a time span is then a number with its unit, or a heard phrase.
        _heard = Build(content, [.. content.Answers.Steps.SelectMany(s => s.Heard.Select(h => new AnswerWords { Value = $"{s.Step}:{h.Value}", English = h.English, Chinese = h.Chinese }))]);
    }

    public bool Knows(string stepId) => _steps.ContainsKey(stepId);

    public Answer? Recognize(string stepId, string? text) =>
        _steps.TryGetValue(stepId, out var entry) && !string.IsNullOrWhiteSpace(text)
            ? (entry.Step.Kind != "yesno" && _corrections.After(text) is { } rest ? Recognize(entry, rest) : null) ?? Recognize(entry, text)
            : null;

    /// <summary>
    /// The answers to <paramref name="stepIds"/> that a message not answering them gives (what people say first):
    /// only their <see cref="AnswerStep.Heard"/> words, a time span stated with a number, or a score marked as one
    /// ("about a 6", "6/10", 6分). The text is read once for all of them.
    /// </summary>
    public IEnumerable<(string Step, Answer Answer)> RecognizeHeard(IEnumerable<string> stepIds, string text)
    {
        var score = MarkedScore.Match(text);

        // A marked score is not a time span (七分 is seven points here, not seven minutes).
        var units = TextUnits.Split(score.Success ? text.Remove(score.Index, score.Length) : text);
        _heard.Correct(units);
        var (covered, named) = Read(_heard, units);
        foreach (var stepId in stepIds)
        {
            if (!_steps.TryGetValue(stepId, out var entry))
            {
                continue;
            }

            var answer = entry.Step.Kind switch
            {
                "score" => score.Success ? Recognize(entry, score.Groups["score"].Value) : null,
                "years" => null,
                _ => Decide(entry.Step, units, covered, [.. named.Where(n => n.Length > stepId.Length && n[stepId.Length] == ':' && n.StartsWith(stepId, StringComparison.Ordinal)).Select(n => n[(stepId.Length + 1)..])]),
            };
            if (answer is not null)
            {
                yield return (stepId, answer);
            }
        }
    }

    private static Lexicon Build(CareContent content, List<AnswerWords> values, bool yesNo = false) => new(new ConceptFile
    {
        Concepts = [.. values.Select(v => new Concept { Id = v.Value, Kind = "answer", English = v.English, Chinese = v.Chinese })],
        Negation = WithAnswerNegations(content, yesNo),
        Lookalikes = content.Concepts.Lookalikes,
        Spellings = content.Concepts.Spellings,
        Fillers = content.Concepts.Fillers,
    });

    /// <summary>
    /// concepts.json's negation with answers.json's own negations added before what they deny (木有怀孕, 莫得做过) and,
    /// for a yes/no question, the shared no endings after it: 脚跟好好的, 屁股不疼, 测验就不用了 deny the question's own word.
    /// </summary>
    private static Dictionary<string, NegationWords> WithAnswerNegations(CareContent content, bool yesNo)
    {
        var (negations, endings) = (content.Answers.Negations, content.Answers.YesNo.NoEndings);
        List<string> Of(AnswerPhrases phrases, string locale) => locale == "en" ? phrases.English : locale == "zh-CN" ? phrases.Chinese : [];
        return content.Concepts.Negation.ToDictionary(
            n => n.Key,
            n => new NegationWords
            {
                Before = [.. n.Value.Before.Union(Of(negations, n.Key))],
                After = yesNo ? [.. n.Value.After.Union(Of(endings, n.Key))] : n.Value.After,
                Pseudo = n.Value.Pseudo, Terminators = n.Value.Terminators,
            });
    }

    private static Answer? Recognize((AnswerStep Step, Lexicon Lexicon) entry, string text) =>
        Recognize(entry, TextUnits.Split(entry.Step.Kind == "score" ? SpokenQuantities.OrdinaryNumerals(OutOfTen().Replace(text, " ")) : text));

    private static Answer? Recognize((AnswerStep Step, Lexicon Lexicon) entry, List<TextUnit> units)
    {
        var (step, lexicon) = entry;
        lexicon.Correct(units);
        if (step.Kind == "yesno")
        {
            return YesOrNo(step, lexicon, units);
        }

        var (covered, named) = Read(lexicon, units);
        return Decide(step, units, covered, named);
    }

    /// <summary>
    /// A yes/no question's own words: a yes word negated is a no ("没有关节炎", "腰从来没动过手术", "ibuprofen didn't
    /// help"); a no word negated says nothing.
    /// </summary>
    private static Answer? YesOrNo(AnswerStep step, Lexicon lexicon, List<TextUnit> units)
    {
        var hits = lexicon.Match(units);
        var negated = Negation.Negated(units, hits);
        var named = new List<string>();
        for (var h = 0; h < hits.Count; h++)
        {
            if (hits[h].Role != PhraseRole.Concept)
            {
                continue;
            }

            var denied = negated[h] || DeniedAfter(units, hits, h);
            foreach (var value in hits[h].Concepts)
            {
                var meant = !denied ? value : value == AnswerYesNo.Yes ? AnswerYesNo.No : null;
                if (meant is not null && !named.Contains(meant))
                {
                    named.Add(meant);
                }
            }
        }

        return Choose(step, named);
    }

    /// <summary>The units covered by the lexicon's phrases, and the answers they name that are not negated.</summary>
    private static (bool[] Covered, List<string> Named) Read(Lexicon lexicon, List<TextUnit> units)
    {
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

        return (covered, named);
    }

    /// <summary>
    /// Chinese often names the thing first and denies it after: 手术没做过, 关节炎没有. A Chinese word followed in its
    /// clause by a negation is denied (a negation negates only what follows it elsewhere).
    /// </summary>
    private static bool DeniedAfter(List<TextUnit> units, List<Hit> hits, int h)
    {
        if (!units[hits[h].Start].Cjk)
        {
            return false;
        }

        for (var k = h + 1; k < hits.Count; k++)
        {
            for (var u = hits[k - 1].End - 1; u < hits[k].Start; u++)
            {
                if (units[u].After != Break.None)
                {
                    return false;
                }
            }

            if (hits[k].Role == PhraseRole.NegatesAfter || (hits[k].Role == PhraseRole.Concept && hits[k].Negates))
            {
                return true;
            }
        }

        return false;
    }

    private static Answer? Decide(AnswerStep step, List<TextUnit> units, bool[] covered, List<string> named) =>
        step.Kind switch
        {
            "minutes" => FromNumber(step, SpokenQuantities.Span(units, covered, SpokenQuantities.Minutes), named),
            "days" => FromNumber(step, SpokenQuantities.Span(units, covered, SpokenQuantities.Days), named),
            "years" => FromNumber(step, SpokenQuantities.Age(units, 120), named),
            "score" => Score(units, covered, named),
            _ => Choose(step, named),
        };

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

    private const string ScoreWord = @"(?:10|[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten)";

    /// <summary>
    /// A score marked as one ("pain is 6", "7/10", "6分"). Interpreted, not source-generated: the generated matcher of
    /// this pattern is one method of 11 KB of IL whose tier-1 compile took 19 MB of JIT memory at once, which the C
    /// allocator kept resident (about 10 MB of the bot's peak RSS under load, bench/README.md); the pattern runs on
    /// short messages, where the interpreter costs microseconds.
    /// </summary>
    private static readonly Regex MarkedScore = new(
        @"\b(?:an?|pain(?:'s| is| at| of)|score(?: is| of)?|rate it(?: at| as)?|rated it(?: at| as)?|level)\s+(?:about |around |maybe |roughly )?(?:an? )?(?<score>" + ScoreWord + @"(?:\s*(?:or|to|-)\s*" + ScoreWord + @")?)\b(?!\s*(?:-|\s)?(?:min|minute|hour|hr|h\b|day|week|month|year|yr|am\b|pm\b|o'?clock|time|kg|kilo|stone|lb|pound|mile|km|k\b|step|floor|flight|night|pillow))"
        + @"|(?<score>\b" + ScoreWord + @"(?:\s*(?:or|to|-)\s*" + ScoreWord + @")?\s*(?:/|out of|outta)\s*(?:10|ten)\b)"
        + @"|(?<score>(?:10|[0-9]|[零一二三四五六七八九两]{1,2})\s*分(?!钟))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    // The scale, not a score: "out of 10", "/10", 满分十分, 十分里有八分, 十分制, 十分之八.
    [GeneratedRegex(@"(/|out of|outta)\s*(10|ten)\b|/\s*10|(满分|分之)\s*(10|十)分?|(10|十)分(里|中|制|之)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOfTen();
}
