using System.Globalization;
using System.Text;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Flows;
using Xunit.Abstractions;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>
/// The blind corpus (Corpus/blind-*.tsv): what people with morning low-back pain type, written from clinical.md and the
/// question ids and answer values of dialogs/flows alone, without reading the lexicons, so it measures the recogniser
/// honestly. Half of it (blindA) may be looked at to fix misses; the other half (blindB) is only ever counted, so its
/// misses are not printed. blindA is held to the bars of the main corpus, blindB to the floors it reached (docs/blind-corpus.md).
/// </summary>
public sealed class BlindCorpusTests(ITestOutputHelper output)
{
    /// <summary>Every warning sign of clinical.md section 2.2.</summary>
    private static readonly string[] ClinicalFlags =
        ["RF01", "RF02", "RF03", "RF04", "RF05", "RF06", "RF07", "RF08", "RF09", "RF10", "RF11", "RF12", "RF12b", "RF13", "RF14", "RF15", "RF16", "RF17", "RF18"];

    private static readonly RedFlagScreen Screen = new(ConversationDriver.Content);

    private static readonly Dictionary<string, FlowStep> Steps = ConversationDriver.Content.Flows.Values
        .SelectMany(f => f.Steps)
        .GroupBy(s => s.Id)
        .ToDictionary(g => g.Key, g => g.First());

    [Fact]
    public void The_blind_corpus_is_well_formed_and_covers_every_warning_sign()
    {
        var problems = new List<string>();
        foreach (var locale in Corpus.Locales)
        {
            var rows = Corpus.LoadBlind(locale);
            problems.AddRange(rows.Select(r => Problem(r, Corpus.BlindSplits) is { } p ? $"{locale} line {r.Line}: {p}" : null).OfType<string>());
            foreach (var flag in ClinicalFlags.Where(f => rows.Count(r => r.Expect == f) < 3))
            {
                problems.Add($"{locale}: fewer than 3 wordings of {flag}");
            }

            Expect(rows.Count(r => r.Expect == "none" && r.Step == "-") >= 120, $"{locale}: fewer than 120 ordinary messages");
            Expect(rows.Count(r => r.Step == "neg") >= 40, $"{locale}: fewer than 40 negated forms or look-alikes");
            Expect(rows.Count(r => r.IsAnswer) >= 60, $"{locale}: fewer than 60 answers");
            var shareA = (double)rows.Count(r => r.Split == "blindA") / rows.Count;
            Expect(shareA is > 0.4 and < 0.6, $"{locale}: blindA is {shareA:P0} of the corpus, not about half");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));

        void Expect(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
    }

    [Fact]
    public void Blind_corpus_figures_per_half()
    {
        var report = new StringBuilder();
        foreach (var locale in Corpus.Locales)
        {
            var rows = Corpus.LoadBlind(locale);
            foreach (var split in Corpus.BlindSplits)
            {
                var part = rows.Where(r => r.Split == split).ToList();
                var seen = split == "blindA";
                report.Append(CorpusEvaluationTests.Evaluate(part).Render($"{locale}, {split} ({part.Count} utterances)", listMisses: seen));
                report.Append(seen ? Flagged(part) : "");
                report.Append(Answers(part, $"{locale}, {split}", listMisses: seen));
            }
        }

        var text = report.ToString();
        output.WriteLine(text);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "blind-corpus-report.txt"), text);
        Assert.Contains("confusion", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// blindA, whose misses were fixed in the lexicons, holds the bars of the main corpus. blindB, never read, does
    /// not meet them yet: it holds the floors it reached (docs/blind-corpus.md), so a change that loses ground fails.
    /// </summary>
    [Theory]
    [InlineData("en", "blindA", 0.98, 0.98, 0.95)]
    [InlineData("zh-CN", "blindA", 0.98, 0.98, 0.95)]
    [InlineData("en", "blindB", 1.0, 1.0, 0.95)]
    [InlineData("zh-CN", "blindB", 1.0, 0.93, 0.86)]
    public void Blind_corpus_holds_its_bars_and_floors(string locale, string split, double l1, double l2, double l3)
    {
        var evaluation = CorpusEvaluationTests.Evaluate([.. Corpus.LoadBlind(locale).Where(r => r.Split == split)]);
        var failures = new List<string>();
        foreach (var (level, floor) in new[] { ("L1", l1), ("L2", l2), ("L3", l3) })
        {
            if (evaluation.Recall(level) < floor)
            {
                failures.Add($"{locale} {split}: recall {level} {evaluation.Recall(level):P1} is below {floor:P0}");
            }
        }

        if (evaluation.OrdinaryToEmergency > 0.01)
        {
            failures.Add($"{locale} {split}: {evaluation.OrdinaryToEmergency:P1} of ordinary messages go straight to emergency (bar 1%)");
        }

        // Figures only: the lines of blindB are never printed.
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// What blindC scores after the round that used it as a development set, 2026-12-02 (docs/blind-corpus.md, section blindC): recall per level (asked or
    /// routed at its level or a more urgent one), the share of ordinary messages straight to emergency it may not exceed,
    /// and the share of answers understood. A floor is the figure it reached, rounded down (a ceiling rounded up), so a change
    /// that loses ground fails. After a re-measure, raise a row to the new figures; never lower one to make a change pass.
    /// </summary>
    private static readonly BlindCFloor[] BlindCFloors =
    [
        //  locale    L1     L2     L3     L4     ordinary to emergency (at most)  answers understood
        new("en",     1.000, 1.000, 1.000, 1.000, 0.000,                           0.976),
        new("zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           0.904),
    ];

    public static TheoryData<string> BlindCLocales => [.. Corpus.Locales];

    [Fact]
    public void The_fresh_blind_set_blindC_is_well_formed_and_covers_every_warning_sign()
    {
        var problems = new List<string>();
        foreach (var locale in Corpus.Locales)
        {
            var rows = Corpus.LoadBlindC(locale);
            problems.AddRange(rows.Select(r => Problem(r, [Corpus.BlindC]) is { } p ? $"{locale} line {r.Line}: {p}" : null).OfType<string>());
            problems.AddRange(rows.Where(r => r.IsFlag && r.Step != "-" && !Steps.ContainsKey(r.Step))
                .Select(r => $"{locale} line {r.Line}: a warning sign typed at step {r.Step}, which no flow has"));
            problems.AddRange(ClinicalFlags.Where(f => rows.Count(r => r.Expect == f) < 4).Select(f => $"{locale}: fewer than 4 wordings of {f}"));
            if (rows.Count(r => r.Expect == "none" && r.Step == "-") < 50 || rows.Count(r => r.Step == "neg") < 20 || rows.Count(r => r.IsAnswer) < 30)
            {
                problems.Add($"{locale}: fewer than 50 ordinary messages, 20 negated forms or 30 answers");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// blindC's figures, with its misses and its ordinary messages asked about: since 2026-12-02 it is a development
    /// set, read to fix the kinds of gap its misses show, as blindA is (docs/blind-corpus.md).
    /// </summary>
    [Fact]
    public void Blind_corpus_blindC_figures()
    {
        var report = new StringBuilder();
        foreach (var locale in Corpus.Locales)
        {
            var rows = Corpus.LoadBlindC(locale);
            report.Append(CorpusEvaluationTests.Evaluate(rows).Render($"{locale}, blindC ({rows.Count} utterances)", listMisses: true));
            report.Append(Flagged(rows));
            report.Append(Answers(rows, $"{locale}, blindC", listMisses: true));
        }

        var text = report.ToString();
        output.WriteLine(text);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "blindC-report.txt"), text);
        Assert.Contains("confusion", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BlindCLocales))]
    public void Blind_corpus_blindC_holds_the_floors_it_reached(string locale)
    {
        var floor = Array.Find(BlindCFloors, f => f.Locale == locale)!;
        var rows = Corpus.LoadBlindC(locale);
        var evaluation = CorpusEvaluationTests.Evaluate(rows);
        var answers = rows.Where(r => r.IsAnswer).ToList();
        var understood = (double)answers.Count(r => AnswerCorpusTests.Understood(r) == r.Expect.Split('=')[1]) / answers.Count;
        var failures = new List<string>();
        foreach (var (level, least) in new[] { ("L1", floor.L1), ("L2", floor.L2), ("L3", floor.L3), ("L4", floor.L4) })
        {
            if (evaluation.Recall(level) < least)
            {
                failures.Add($"{locale} blindC: recall {level} {evaluation.Recall(level):P1} is below its floor {least:P1}");
            }
        }

        if (evaluation.OrdinaryToEmergency > floor.OrdinaryToEmergency)
        {
            failures.Add($"{locale} blindC: {evaluation.OrdinaryToEmergency:P1} of ordinary messages go straight to emergency (at most {floor.OrdinaryToEmergency:P1})");
        }

        if (understood < floor.Answers)
        {
            failures.Add($"{locale} blindC: {understood:P1} of answers understood, below its floor {floor.Answers:P1}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private sealed record BlindCFloor(string Locale, double L1, double L2, double L3, double L4, double OrdinaryToEmergency, double Answers);

    /// <summary>Ordinary messages that are routed below emergency or asked about: not misses, but worth a look.</summary>
    private static string Flagged(IReadOnlyList<Utterance> part)
    {
        var text = new StringBuilder();
        foreach (var row in part.Where(r => r.IsOrdinary))
        {
            if (Screen.Recognize(row.Text) is { } match && (match.Tier == SignTier.Confirm || match.Flag.Level is not ("L1" or "L2")))
            {
                var how = match.Tier == SignTier.Confirm ? "asked about" : "routed at";
                text.AppendLine(CultureInfo.InvariantCulture, $"  ordinary {how} {match.Flag.Id} ({match.Flag.Level}): line {row.Line} \"{row.Text}\"");
            }
        }

        return text.Length == 0 ? "" : text.AppendLine().ToString();
    }

    private static string Answers(IReadOnlyList<Utterance> part, string title, bool listMisses)
    {
        var rows = part.Where(r => r.IsAnswer).ToList();
        var text = new StringBuilder();
        var right = 0;
        text.AppendLine(CultureInfo.InvariantCulture, $"### {title} answers ({rows.Count})");
        foreach (var group in rows.GroupBy(r => r.Step))
        {
            var misses = group.Where(r => AnswerCorpusTests.Understood(r) != r.Expect.Split('=')[1]).ToList();
            right += group.Count() - misses.Count;
            text.AppendLine(CultureInfo.InvariantCulture, $"{group.Key,-16} {group.Count() - misses.Count}/{group.Count()}");
            foreach (var miss in misses.Where(_ => listMisses))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  line {miss.Line} \"{miss.Text}\": expected {miss.Expect}, got {AnswerCorpusTests.Understood(miss) ?? "nothing"}");
            }
        }

        var accuracy = rows.Count == 0 ? double.NaN : (double)right / rows.Count;
        return text.AppendLine(CultureInfo.InvariantCulture, $"understood {right}/{rows.Count} ({accuracy.ToString("P1", CultureInfo.InvariantCulture)})").AppendLine().ToString();
    }

    /// <summary>What is wrong with a row: an unknown split, flag, step or answer value; null when it is well formed.</summary>
    private static string? Problem(Utterance row, string[] splits)
    {
        if (!splits.Contains(row.Split))
        {
            return $"split {row.Split} is not {string.Join(" or ", splits)}";
        }

        if (row.IsFlag)
        {
            return !ClinicalFlags.Contains(row.Expect) ? $"{row.Expect} is not a warning sign of clinical.md"
                : ConversationDriver.Content.RedFlags.Flags.Exists(f => f.Id == row.Expect) ? null : $"{row.Expect} is not in dialogs/redflags.json";
        }

        if (row.Expect == "none")
        {
            return row.Step is "-" or "neg" ? null : $"step {row.Step} for a none row";
        }

        var parts = row.Expect.Split('=');
        if (parts.Length != 2 || parts[0] != row.Step || !Steps.TryGetValue(row.Step, out var step))
        {
            return $"answer {row.Expect} at step {row.Step} names no question of the flows";
        }

        var valid = step.Kind switch
        {
            StepKinds.Choice => step.Choices!.Exists(c => c.Value == parts[1]),
            StepKinds.YesNo => parts[1] is "yes" or "no" or "unsure",
            StepKinds.Number => int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= step.Min && n <= step.Max,
            _ => false,
        };
        return valid ? null : $"{parts[1]} is not an answer to {step.Kind} step {row.Step}";
    }
}
