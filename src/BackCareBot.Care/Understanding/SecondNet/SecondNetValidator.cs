using BackCareBot.Care.Content;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// The meaning of dialogs/second-net/*.json (its schema checks the shape): a model for every language, a class
/// "none", every other class a flag of redflags.json, every weight a finite number and a finite threshold.
/// </summary>
public static class SecondNetValidator
{
    public static IReadOnlyList<string> Validate(CareContent content)
    {
        var problems = new List<string>();
        var flags = content.RedFlags.Flags.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var locale in ContentValidator.RequiredLocales.Where(l => !content.SecondNet.ContainsKey(l)))
        {
            problems.Add($"second-net/{locale}.json: missing (run src/BackCareBot.Training)");
        }

        foreach (var (name, model) in content.SecondNet)
        {
            var where = $"second-net/{name}.json";
            if (model.Locale != name)
            {
                problems.Add($"{where}: locale '{model.Locale}' is not the file's name");
            }

            if (!double.IsFinite(model.Threshold))
            {
                problems.Add($"{where}: the threshold is not a finite number");
            }

            problems.AddRange(model.Classes.Where(c => c != SignClassifier.None && !flags.Contains(c)).Select(c => $"{where}: class '{c}' is no flag in redflags.json"));
            problems.AddRange(model.Problems.Select(p => $"{where}: {p}"));
        }

        return problems;
    }
}
