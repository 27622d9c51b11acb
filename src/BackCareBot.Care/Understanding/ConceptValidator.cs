using BackCareBot.Care.Content;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// The meaning of concepts.json (its schema checks the shape): every red flag has a sign, every sign names concepts
/// that exist, every concept has words in both languages (measured concepts excepted), every `unless` names another concept, no concept is defined twice, every spelling stands for a word a concept uses, every filler is one word and no negation.
/// </summary>
public static class ConceptValidator
{
    private const string File = "concepts.json";
    private static readonly HashSet<string> Measured = new(["age50", "age65", "weeks4", "temp38", "temp_normal", "past_year", "their_back"], StringComparer.Ordinal);

    public static IReadOnlyList<string> Validate(CareContent content)
    {
        var problems = new List<string>();
        var model = content.Concepts;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var concept in model.Concepts)
        {
            var where = $"{File}: concept '{concept.Id}'";
            if (!ids.Add(concept.Id))
            {
                problems.Add($"{where}: defined twice");
            }

            if (concept.Kind == "measure")
            {
                if (!Measured.Contains(concept.Id))
                {
                    problems.Add($"{where}: no measure of that name (known: {string.Join(", ", Measured)})");
                }
            }
            else if (concept.English.Count == 0 && concept.Kind != "site")
            {
                problems.Add($"{where}: has no English words");
            }

            if (concept.Kind is not ("measure" or "site") && concept.Chinese.Count == 0)
            {
                problems.Add($"{where}: has no Chinese words");
            }
        }

        // `unless` names concepts that cancel one in the same message; they must exist and must not be the concept itself.
        foreach (var concept in model.Concepts)
        {
            foreach (var other in concept.Unless.Where(u => !ids.Contains(u) || u == concept.Id))
            {
                problems.Add($"{File}: concept '{concept.Id}': unless names '{other}', which is not another concept");
            }
        }

        var flags = content.RedFlags.Flags.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var signs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sign in model.Signs)
        {
            var where = $"{File}: sign '{sign.Flag}'";
            if (!flags.Contains(sign.Flag))
            {
                problems.Add($"{where}: no such flag in redflags.json");
            }

            if (!signs.Add(sign.Flag))
            {
                problems.Add($"{where}: defined twice");
            }

            if (sign.Clear.Count == 0)
            {
                problems.Add($"{where}: has no clear combination");
            }

            // A combination may also name a flag raised earlier in the conversation ("RF09").
            foreach (var concept in sign.Clear.Concat(sign.Confirm).SelectMany(c => c).Concat(sign.Soften).Where(c => !ids.Contains(c) && !flags.Contains(c)).Distinct())
            {
                problems.Add($"{where}: unknown concept '{concept}'");
            }
        }

        foreach (var flag in content.RedFlags.Flags.Where(f => !signs.Contains(f.Id)))
        {
            problems.Add($"{File}: red flag '{flag.Id}' has no sign (give it the concepts that describe it)");
        }

        var words = model.Concepts.SelectMany(c => c.English).SelectMany(p => p.Split(' ')).ToHashSet(StringComparer.Ordinal);
        foreach (var (typed, word) in model.Spellings.Values.SelectMany(s => s))
        {
            if (!words.Contains(word))
            {
                problems.Add($"{File}: spellings: '{typed}' stands for '{word}', which no concept uses");
            }
        }

        // A filler is one word (one Chinese character) and never a negation: skipping "not" would turn a meaning round.
        var negations = model.Negation.Values.SelectMany(n => n.Before.Concat(n.After)).ToHashSet(StringComparer.Ordinal);
        foreach (var filler in model.Fillers.Values.SelectMany(f => f))
        {
            if (TextUnits.Split(filler).Count != 1 || negations.Contains(filler))
            {
                problems.Add($"{File}: fillers: '{filler}' is not one word, or it is a negation");
            }
        }

        foreach (var locale in ContentValidator.RequiredLocales.Where(l => !model.Negation.ContainsKey(l)))
        {
            problems.Add($"{File}: negation: no words for '{locale}'");
        }

        return problems;
    }
}
