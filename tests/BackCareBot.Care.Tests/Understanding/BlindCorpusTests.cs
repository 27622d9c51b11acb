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
/// The fresh sets written later under the same rules (blindC to blindM) were first only counted; they are development
/// sets now, held to the figures they reached. blindN, written after them, is only counted.
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
            problems.AddRange(rows.Select(r => Problem(r, Corpus.BlindSplits, ClinicalFlags) is { } p ? $"{locale} line {r.Line}: {p}" : null).OfType<string>());
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
    [InlineData("en", "blindB", 1.0, 1.0, 1.0)]
    [InlineData("zh-CN", "blindB", 1.0, 1.0, 1.0)]
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

    /// <summary>The flags the clinical review added after clinical.md section 2.2 (dialogs/redflags.json).</summary>
    private static readonly string[] ReviewFlags = [.. ClinicalFlags, "RF09b", "RF12s", "RF19", "RF20"];

    /// <summary>
    /// The fresh blind sets (docs/blind-corpus.md, sections blindC to blindN) and what each must hold per language: the
    /// flags it covers with at least so many wordings each (more for an L1 flag where the set asks it), and at least so many ordinary messages, negated forms or
    /// look-alikes, and answers. blindC to blindM are development sets (blindC and blindD since 2026-12-02, blindE, blindF, blindG
    /// and blindH since 2026-12-03, blindI, blindJ and blindK since 2026-12-04, blindL since 2026-12-07, blindM since 2026-12-08): their misses are listed, to fix the kinds of gap they show.
    /// blindN, written after them, is only counted.
    /// </summary>
    private static readonly FreshSet[] FreshSets =
    [
        new(Corpus.BlindC, ClinicalFlags, Wordings: 4, Ordinary: 50, Negated: 20, Answers: 30, Development: true),
        new(Corpus.BlindD, ReviewFlags, Wordings: 5, Ordinary: 90, Negated: 40, Answers: 40, Development: true),
        new(Corpus.BlindE, ReviewFlags, Wordings: 5, Ordinary: 100, Negated: 40, Answers: 40, Development: true),
        new(Corpus.BlindF, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindG, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindH, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindI, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindJ, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindK, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindL, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindM, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: true, L1Wordings: 8),
        new(Corpus.BlindN, ReviewFlags, Wordings: 6, Ordinary: 100, Negated: 40, Answers: 40, Development: false, L1Wordings: 8),
    ];

    /// <summary>
    /// What each fresh set scored (docs/blind-corpus.md): recall per level (asked or routed at its level or a more urgent
    /// one), the share of ordinary messages straight to emergency it may not exceed, and the share of answers understood.
    /// A floor is the figure it reached, rounded down (a ceiling rounded up), so a change that loses ground fails. After a
    /// re-measure, raise a row to the new figures; never lower one to make a change pass.
    /// </summary>
    private static readonly FreshFloor[] FreshFloors =
    [
        //  set            locale    L1     L2     L3     L4     ordinary to emergency (at most)  answers understood
        new(Corpus.BlindC, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           0.976),
        new(Corpus.BlindC, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           0.952),
        new(Corpus.BlindD, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           0.960),
        new(Corpus.BlindD, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           0.960),
        new(Corpus.BlindE, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           0.980),
        new(Corpus.BlindE, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           0.980),
        new(Corpus.BlindF, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           0.921),
        new(Corpus.BlindF, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           0.859),
        new(Corpus.BlindG, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           0.942),
        new(Corpus.BlindG, "zh-CN",  1.000, 1.000, 0.985, 1.000, 0.000,                           0.855),
        new(Corpus.BlindH, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           0.896),
        new(Corpus.BlindH, "zh-CN",  1.000, 0.982, 1.000, 1.000, 0.000,                           0.857),
        new(Corpus.BlindI, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindI, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindJ, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindJ, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindK, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindK, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindL, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindL, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindM, "en",     1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindM, "zh-CN",  1.000, 1.000, 1.000, 1.000, 0.000,                           1.000),
        new(Corpus.BlindN, "en",     1.000, 1.000, 1.000, 1.000, 0.004,                           0.971),
        new(Corpus.BlindN, "zh-CN",  1.000, 1.000, 0.984, 0.833, 0.004,                           0.953),
    ];

    public static TheoryData<string> FreshSetNames => [.. FreshSets.Select(s => s.Split)];

    public static TheoryData<string, string> FreshSetLocales
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var set in FreshSets)
            {
                foreach (var locale in Corpus.Locales)
                {
                    data.Add(set.Split, locale);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FreshSetNames))]
    public void A_fresh_blind_set_is_well_formed_and_covers_every_warning_sign(string set)
    {
        var shape = Array.Find(FreshSets, s => s.Split == set)!;
        var problems = new List<string>();
        foreach (var locale in Corpus.Locales)
        {
            var rows = Corpus.LoadFresh(set, locale);
            problems.AddRange(rows.Select(r => Problem(r, [set], shape.Flags) is { } p ? $"{locale} line {r.Line}: {p}" : null).OfType<string>());
            problems.AddRange(rows.Where(r => r.IsFlag && r.Step != "-" && !Steps.ContainsKey(r.Step))
                .Select(r => $"{locale} line {r.Line}: a warning sign typed at step {r.Step}, which no flow has"));
            problems.AddRange(shape.Flags.Where(f => rows.Count(r => r.Expect == f) < shape.WordingsOf(f)).Select(f => $"{locale}: fewer than {shape.WordingsOf(f)} wordings of {f}"));
            if (rows.Count(r => r.Expect == "none" && r.Step == "-") < shape.Ordinary || rows.Count(r => r.Step == "neg") < shape.Negated || rows.Count(r => r.IsAnswer) < shape.Answers)
            {
                problems.Add($"{locale}: fewer than {shape.Ordinary} ordinary messages, {shape.Negated} negated forms or {shape.Answers} answers");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// A fresh set's figures; a development set's misses and ordinary messages asked about too. A counted set's lines
    /// are never printed, so that it stays a blind measure.
    /// </summary>
    [Theory]
    [MemberData(nameof(FreshSetNames))]
    public void A_fresh_blind_set_prints_its_figures(string set)
    {
        var report = new StringBuilder();
        foreach (var locale in Corpus.Locales)
        {
            var rows = Corpus.LoadFresh(set, locale);
            var seen = Array.Find(FreshSets, s => s.Split == set)!.Development;
            report.Append(CorpusEvaluationTests.Evaluate(rows).Render($"{locale}, {set} ({rows.Count} utterances)", listMisses: seen));
            report.Append(seen ? Flagged(rows) : "");
            report.Append(Answers(rows, $"{locale}, {set}", listMisses: seen));
        }

        var text = report.ToString();
        output.WriteLine(text);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, set + "-report.txt"), text);
        Assert.Contains("confusion", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FreshSetLocales))]
    public void A_fresh_blind_set_holds_the_floors_it_reached(string set, string locale)
    {
        var floor = Array.Find(FreshFloors, f => f.Set == set && f.Locale == locale)
            ?? throw new InvalidOperationException($"{set} {locale} has no row in FreshFloors: measure it and add its figures");
        var rows = Corpus.LoadFresh(set, locale);
        var evaluation = CorpusEvaluationTests.Evaluate(rows);
        var answers = rows.Where(r => r.IsAnswer).ToList();
        var understood = (double)answers.Count(r => AnswerCorpusTests.Understood(r) == r.Expect.Split('=')[1]) / answers.Count;
        var failures = new List<string>();
        foreach (var (level, least) in new[] { ("L1", floor.L1), ("L2", floor.L2), ("L3", floor.L3), ("L4", floor.L4) })
        {
            if (evaluation.Recall(level) < least)
            {
                failures.Add($"{locale} {set}: recall {level} {evaluation.Recall(level):P1} is below its floor {least:P1}");
            }
        }

        if (evaluation.OrdinaryToEmergency > floor.OrdinaryToEmergency)
        {
            failures.Add($"{locale} {set}: {evaluation.OrdinaryToEmergency:P1} of ordinary messages go straight to emergency (at most {floor.OrdinaryToEmergency:P1})");
        }

        if (understood < floor.Answers)
        {
            failures.Add($"{locale} {set}: {understood:P1} of answers understood, below its floor {floor.Answers:P1}");
        }

        // Figures only: the lines are never printed here.
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A fresh set's shape; L1Wordings, when above Wordings, is what each L1 flag needs, so that the L1 figure rests on a usable sample.</summary>
    private sealed record FreshSet(string Split, string[] Flags, int Wordings, int Ordinary, int Negated, int Answers, bool Development, int L1Wordings = 0)
    {
        public int WordingsOf(string flag) =>
            ConversationDriver.Content.RedFlags.Flags.Find(f => f.Id == flag)?.Level == "L1" ? Math.Max(Wordings, L1Wordings) : Wordings;
    }

    private sealed record FreshFloor(string Set, string Locale, double L1, double L2, double L3, double L4, double OrdinaryToEmergency, double Answers);

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
        var lines = rows.CountBy(r => r.Step).ToDictionary();

        // An unseen split pools the questions with one or two lines: the tally of such a question would show which line was missed.
        foreach (var group in rows.GroupBy(r => listMisses || lines[r.Step] >= 3 ? r.Step : "others (1-2 each)"))
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

    /// <summary>What is wrong with a row: an unknown split, flag (of those the set covers), step or answer value; null when it is well formed.</summary>
    private static string? Problem(Utterance row, string[] splits, string[] flags)
    {
        if (!splits.Contains(row.Split))
        {
            return $"split {row.Split} is not {string.Join(" or ", splits)}";
        }

        if (row.IsFlag)
        {
            return !flags.Contains(row.Expect) ? $"{row.Expect} is not a warning sign this set covers"
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
