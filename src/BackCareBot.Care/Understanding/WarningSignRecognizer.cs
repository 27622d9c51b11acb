using BackCareBot.Care.Content;
using BackCareBot.Care.Triage;

namespace BackCareBot.Care.Understanding;

/// <summary>How sure the recogniser is: route at once, or ask one confirming yes/no question that names the sign.</summary>
public enum SignTier
{
    Clear,
    Confirm,
}

public sealed record SignMatch(RedFlag Flag, SignTier Tier);

/// <summary>
/// Finds the warning signs of dialogs/concepts.json in one typed message: the text is split into units, typos
/// corrected, concepts found, negated ones dropped, and each sign's combinations checked. The most urgent clear sign
/// wins; without one, the most urgent sign worth a confirming question.
/// </summary>
public sealed class WarningSignRecognizer
{
    private readonly Lexicon _lexicon;
    private readonly (RedFlag Flag, SignRule Rule)[] _rules;
    private readonly HashSet<string> _flagIds;
    private readonly HashSet<string> _history;
    private readonly (string Id, List<string> Unless)[] _cancelled;

    public WarningSignRecognizer(CareContent content)
    {
        _lexicon = new Lexicon(content.Concepts);
        var flags = content.RedFlags.Flags.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _rules = [.. content.Concepts.Signs.Where(s => flags.ContainsKey(s.Flag)).Select(s => (flags[s.Flag], s))];
        _flagIds = new HashSet<string>(flags.Keys, StringComparer.Ordinal);
        _history = new HashSet<string>(content.Concepts.Concepts.Where(c => c.Kind == "history").Select(c => c.Id), StringComparer.Ordinal);
        _cancelled = [.. content.Concepts.Concepts.Where(c => c.Unless.Count > 0).Select(c => (c.Id, c.Unless))];
    }

    /// <param name="raised">Flags raised earlier in the conversation: a combination may name one ("cannot stand" after RF09).</param>
    public SignMatch? Recognize(string? text, IReadOnlyCollection<string>? raised = null)
    {
        var present = Concepts(text);
        if (present.Count == 0)
        {
            return null;
        }

        if (raised is not null)
        {
            present.UnionWith(raised);
        }

        SignMatch? clear = null;
        SignMatch? confirm = null;
        foreach (var (flag, rule) in _rules)
        {
            // A combination that builds on a flag ("cannot stand" after RF09) is not softened by a context word: the
            // fall already made it more than morning stiffness ("a small fall this morning and now he can't stand").
            var holds = AnyHolds(rule.Clear, present);
            var softened = rule.Soften.Exists(present.Contains) && !rule.Clear.Exists(c => c.Exists(_flagIds.Contains) && c.TrueForAll(present.Contains));
            var tier = holds ? (softened ? SignTier.Confirm : SignTier.Clear)
                : AnyHolds(rule.Confirm, present) && !softened ? SignTier.Confirm
                : (SignTier?)null;
            if (tier == SignTier.Clear)
            {
                // A flag stated clearly in this message counts, for the signs after it, as one raised before.
                present.Add(flag.Id);
            }

            if (tier == SignTier.Clear && (clear is null || TriageLevels.Rank(flag.Level) > TriageLevels.Rank(clear.Flag.Level)))
            {
                clear = new SignMatch(flag, SignTier.Clear);
            }
            else if (tier == SignTier.Confirm && (confirm is null || TriageLevels.Rank(flag.Level) > TriageLevels.Rank(confirm.Flag.Level)))
            {
                confirm = new SignMatch(flag, SignTier.Confirm);
            }
        }

        return clear ?? confirm;
    }

    /// <summary>The concepts a message states (not negated), measured ones included.</summary>
    public HashSet<string> Concepts(string? text)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var units = TextUnits.Split(text);
        if (units.Count == 0)
        {
            return present;
        }

        _lexicon.Correct(units);
        var hits = _lexicon.Match(units);
        var negated = Negation.Negated(units, hits, _history);
        for (var h = 0; h < hits.Count; h++)
        {
            if (hits[h].Role == PhraseRole.Concept && !negated[h])
            {
                present.UnionWith(hits[h].Concepts);
            }
        }

        if (Measures.Age(units) is { } age)
        {
            if (age >= 50)
            {
                present.Add("age50");
            }

            if (age >= 65)
            {
                present.Add("age65");
            }
        }

        if (Measures.Days(units) >= 28)
        {
            present.Add("weeks4");
        }

        if (BodyTemperature.High(units))
        {
            present.Add("temp38");
        }
        else if (BodyTemperature.Normal(units))
        {
            present.Add("temp_normal");
        }

        if (StoryMeasures.PastYear(units, DateTime.UtcNow))
        {
            present.Add("past_year");
        }

        if (StoryMeasures.TheirBack(units))
        {
            present.Add("their_back");
        }

        // A concept with `unless` does not count beside any of those: "years ago ... and again yesterday".
        foreach (var (id, unless) in _cancelled)
        {
            if (present.Contains(id) && unless.Exists(present.Contains))
            {
                present.Remove(id);
            }
        }

        return present;
    }

    private static bool AnyHolds(List<List<string>> combinations, HashSet<string> present)
    {
        foreach (var combination in combinations)
        {
            if (combination.TrueForAll(present.Contains))
            {
                return true;
            }
        }

        return false;
    }
}
