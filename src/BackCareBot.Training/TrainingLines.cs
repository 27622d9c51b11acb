namespace BackCareBot.Training;

/// <summary>One labelled line the second net learns from: its class ("none" or a flag id) and what kind of line it is.</summary>
public sealed record TrainingLine(string Source, string Expect, string Step, string Text)
{
    public string Class => IsFlag ? Expect : "none";

    public bool IsFlag => Expect.StartsWith("RF", StringComparison.Ordinal);

    /// <summary>An answer to a question (step=value).</summary>
    public bool IsAnswer => Expect.Contains('=', StringComparison.Ordinal);

    /// <summary>An ordinary message or a negated form or look-alike (expect none).</summary>
    public bool IsOrdinary => Expect == "none";
}

/// <summary>
/// The lines the second net may learn from, per language, in a fixed order: the main corpus lines of split dev, the
/// blindA half of the blind corpus, and the development sets blindC, blindD, blindE and blindF whole. The held lines of
/// the main corpus and the blindB half are skipped by their split; no counted set (blindG on) is ever opened.
/// </summary>
public static class TrainingLines
{
    private static readonly (string File, string? Split)[] Sources =
    [
        ("{0}.tsv", "dev"),
        ("blind-{0}.tsv", "blindA"),
        ("blindC-{0}.tsv", null),
        ("blindD-{0}.tsv", null),
        ("blindE-{0}.tsv", null),
        ("blindF-{0}.tsv", null),
    ];

    public static string Corpus(string repoRoot) => Path.Combine(repoRoot, "tests", "BackCareBot.Care.Tests", "Corpus");

    public static List<TrainingLine> Load(string repoRoot, string locale)
    {
        var lines = new List<TrainingLine>();
        foreach (var (pattern, split) in Sources)
        {
            var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, locale);
            foreach (var line in File.ReadLines(Path.Combine(Corpus(repoRoot), name)))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var cells = line.Split('\t');
                if (split is null || cells[0] == split)
                {
                    lines.Add(new TrainingLine(name.Replace(locale, "{locale}", StringComparison.Ordinal) + (split is null ? "" : " " + split), cells[1], cells[2], cells[3]));
                }
            }
        }

        return lines;
    }
}
