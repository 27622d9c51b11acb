using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>One labelled utterance of tests/BackCareBot.Care.Tests/Corpus/*.tsv.</summary>
internal sealed record Utterance(string Locale, bool HeldOut, string Expect, string Step, string Text, int Line)
{
    public bool IsFlag => Expect.StartsWith("RF", StringComparison.Ordinal);

    public bool IsAnswer => Expect.Contains('=', StringComparison.Ordinal);

    /// <summary>An ordinary message: no warning sign (a negated one, a look-alike, morning stiffness, an answer).</summary>
    public bool IsOrdinary => !IsFlag;
}

internal static class Corpus
{
    public static readonly string[] Locales = ["en", "zh-CN"];

    public static IReadOnlyList<Utterance> Load(string locale)
    {
        var rows = new List<Utterance>();
        var lines = File.ReadAllLines(Repo.File("tests", "BackCareBot.Care.Tests", "Corpus", locale + ".tsv"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i][0] == '#')
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            rows.Add(new Utterance(locale, cells[0] == "held", cells[1], cells[2], cells[3], i + 1));
        }

        return rows;
    }
}
