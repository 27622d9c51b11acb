using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>One labelled utterance of tests/BackCareBot.Care.Tests/Corpus/*.tsv.</summary>
internal sealed record Utterance(string Locale, string Split, string Expect, string Step, string Text, int Line)
{
    /// <summary>Held out of the lexicon work (every 4th line of the main corpus).</summary>
    public bool HeldOut => Split == "held";

    public bool IsFlag => Expect.StartsWith("RF", StringComparison.Ordinal);

    public bool IsAnswer => Expect.Contains('=', StringComparison.Ordinal);

    /// <summary>An ordinary message: no warning sign (a negated one, a look-alike, morning stiffness, an answer).</summary>
    public bool IsOrdinary => !IsFlag;
}

internal static class Corpus
{
    public static readonly string[] Locales = ["en", "zh-CN"];

    /// <summary>The two halves of the blind corpus: blindA may be looked at to fix misses, blindB never is.</summary>
    public static readonly string[] BlindSplits = ["blindA", "blindB"];

    public static IReadOnlyList<Utterance> Load(string locale) => LoadFile(locale, locale + ".tsv");

    /// <summary>Corpus/blind-{locale}.tsv: written from clinical.md and the flows alone, without reading the lexicons.</summary>
    public static IReadOnlyList<Utterance> LoadBlind(string locale) => LoadFile(locale, "blind-" + locale + ".tsv");

    /// <summary>The third set, written after blindB had been counted: blind until 2026-12-02, a development set since (docs/blind-corpus.md).</summary>
    public const string BlindC = "blindC";

    /// <summary>The fresh blind set written after blindC had been counted, also covering the flags of the clinical review.</summary>
    public const string BlindD = "blindD";

    /// <summary>The fresh blind set written after blindD had been counted after a lexicon round: only counted.</summary>
    public const string BlindE = "blindE";

    /// <summary>The fresh blind set written after blindE had been counted twice: only counted.</summary>
    public const string BlindF = "blindF";

    /// <summary>The fresh blind set written after blindF had been counted twice (before and with the second net): only counted.</summary>
    public const string BlindG = "blindG";

    /// <summary>The fresh blind set written after blindG had been counted twice (before and after the blindE/blindF round): only counted.</summary>
    public const string BlindH = "blindH";

    /// <summary>The fresh blind set written after blindH had been counted, when blindH was to become a development set: only counted until 2026-12-04, a development set since (docs/blind-corpus.md).</summary>
    public const string BlindI = "blindI";

    /// <summary>The fresh blind set written after blindI had been counted twice (before and after the blindH round): only counted.</summary>
    public const string BlindJ = "blindJ";

    /// <summary>The fresh blind set written after blindJ had been counted twice (before and after the blindI round): only counted.</summary>
    public const string BlindK = "blindK";

    /// <summary>The fresh blind set written after blindK had been counted twice (before and after the blindJ round), when blindK was to become a development set: only counted until 2026-12-07, a development set since (docs/blind-corpus.md).</summary>
    public const string BlindL = "blindL";

    /// <summary>The fresh blind set written after blindL had been counted twice (before and after the blindK round): only counted until 2026-12-08, a development set since (docs/blind-corpus.md).</summary>
    public const string BlindM = "blindM";

    /// <summary>The fresh blind set written after blindM had been counted twice (before and after the blindL round): only counted.</summary>
    public const string BlindN = "blindN";

    /// <summary>Corpus/{set}-{locale}.tsv: a fresh blind set (blindC, blindD, blindE, blindF, blindG, blindH, blindI, blindJ, blindK, blindL, blindM, blindN), written under the same rules by another author.</summary>
    public static IReadOnlyList<Utterance> LoadFresh(string set, string locale) => LoadFile(locale, set + "-" + locale + ".tsv");

    private static List<Utterance> LoadFile(string locale, string name)
    {
        var rows = new List<Utterance>();
        var lines = File.ReadAllLines(Repo.File("tests", "BackCareBot.Care.Tests", "Corpus", name));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i][0] == '#')
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            rows.Add(new Utterance(locale, cells[0], cells[1], cells[2], cells[3], i + 1));
        }

        return rows;
    }
}
