using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Understanding;

/// <summary>What a matched phrase is: a concept, or a word of the negation grammar.</summary>
public enum PhraseRole : byte
{
    Concept,
    NegatesAfter,
    NegatesBefore,
    Pseudo,
    Terminator,
}

/// <summary>
/// One phrase found in the text: units [Start, End) and what it means. <paramref name="Negates"/>: a concept phrase that
/// ends with a negation (以前没, 从来没有, 一点毛病没有) also negates what follows it, as the negation alone would; so
/// does a denial (an `after` phrase that holds a negation after its first word: 我没得过, "but I haven't") followed by
/// more words in its clause.
/// </summary>
public readonly record struct Hit(int Start, int End, PhraseRole Role, string[] Concepts, bool Negates = false);

/// <summary>
/// Every phrase of every concept and of the negation grammar, both languages, in one trie over text units.
/// Matching takes the longest phrase at each point, left to right; for Chinese this is forward maximum matching
/// with the medical lexicon as the dictionary. English words of five letters or more not in the lexicon are
/// corrected to a lexicon word one edit away (two from eight letters), keeping the first letter; a four-letter word
/// only when two neighbouring letters after the first are swapped ("bakc", "nmub") and exactly one lexicon word fits.
/// Up to two filler words inside a phrase are passed over ("fell down a whole flight of stairs", 衣服都松了), and a
/// Chinese phrase written with one also matches without it.
/// </summary>
public sealed class Lexicon
{
    private sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public List<string>? Concepts;
        public PhraseRole? Role;
        public bool Negates;
    }

    private readonly Node _root = new();
    private readonly HashSet<string> _vocabulary = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<(string Raw, string Key)>> _words = [];
    private readonly Dictionary<string, string> _spellings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fillers = new(StringComparer.Ordinal);
    private const int MaxFillers = 2;

    public Lexicon(ConceptFile file)
    {
        foreach (var filler in file.Fillers.Values.SelectMany(f => f))
        {
            _fillers.UnionWith(TextUnits.Split(filler).Select(u => u.Key));
        }

        var negations = file.Negation.Values.SelectMany(n => n.Before).Select(w => TextUnits.Split(w).Select(u => u.Key).ToArray()).Where(k => k.Length > 0).ToList();
        foreach (var concept in file.Concepts)
        {
            foreach (var phrase in concept.English.Concat(concept.Chinese))
            {
                Add(phrase, PhraseRole.Concept, concept.Id, negations);
            }

            // A Chinese filler inside a phrase is optional both ways: 自己都不知道 also matches 自己不知道.
            foreach (var phrase in concept.Chinese.Where(p => p.Length > 2))
            {
                var bare = phrase[0] + string.Concat(phrase[1..^1].Where(ch => !_fillers.Contains(ch.ToString()))) + phrase[^1];
                if (bare.Length != phrase.Length && bare.Length >= 2)
                {
                    Add(bare, PhraseRole.Concept, concept.Id, negations);
                }
            }
        }

        foreach (var words in file.Negation.Values)
        {
            words.Before.ForEach(p => Add(p, PhraseRole.NegatesAfter, null));
            words.After.ForEach(p => Add(p, PhraseRole.NegatesBefore, null, negations));
            words.Pseudo.ForEach(p => Add(p, PhraseRole.Pseudo, null));
            words.Terminators.ForEach(p => Add(p, PhraseRole.Terminator, null));
        }

        foreach (var word in file.Lookalikes.Values.SelectMany(l => l))
        {
            _vocabulary.Add(word);
            _vocabulary.Add(TextUnits.Stem(word));
        }

        foreach (var (typed, word) in file.Spellings.Values.SelectMany(s => s))
        {
            _spellings[typed] = TextUnits.Stem(word);
        }
    }

    /// <summary>The units as the lexicon reads them: typos of lexicon words replaced by the word.</summary>
    public void Correct(List<TextUnit> units)
    {
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (_spellings.TryGetValue(unit.Raw, out var spelled))
            {
                units[i] = unit with { Key = spelled };
                continue;
            }

            if (unit.Cjk || unit.Raw.Length < 4 || char.IsAsciiDigit(unit.Raw[0]) || _vocabulary.Contains(unit.Key) || _vocabulary.Contains(unit.Raw)
                || !_words.TryGetValue(unit.Raw[0], out var candidates))
            {
                continue;
            }

            if (unit.Raw.Length == 4)
            {
                if (Swapped(unit.Raw, candidates) is { } key)
                {
                    units[i] = unit with { Key = key };
                }
            }
            else
            {
                var allowed = unit.Raw.Length >= 8 ? 2 : 1;
                foreach (var (raw, key) in candidates)
                {
                    if (Math.Abs(raw.Length - unit.Raw.Length) <= allowed && ChoiceRecognizer.EditDistance(unit.Raw, raw, allowed) <= allowed)
                    {
                        units[i] = unit with { Key = key };
                        break;
                    }
                }
            }
        }
    }

    /// <summary>The key of the one four-letter lexicon word that <paramref name="raw"/> is, with two neighbouring letters swapped back.</summary>
    private static string? Swapped(string raw, List<(string Raw, string Key)> candidates)
    {
        string? found = null;
        foreach (var (word, key) in candidates)
        {
            if (word.Length == 4 && IsAdjacentSwap(raw, word))
            {
                if (found is not null && found != key)
                {
                    return null;
                }

                found = key;
            }
        }

        return found;
    }

    /// <summary>Whether two four-letter words with the same first letter differ only by two neighbouring letters swapped.</summary>
    private static bool IsAdjacentSwap(string typed, string word) =>
        (typed[1] == word[2] && typed[2] == word[1] && typed[3] == word[3] && typed[1] != typed[2])
        || (typed[1] == word[1] && typed[2] == word[3] && typed[3] == word[2] && typed[2] != typed[3]);

    public List<Hit> Match(List<TextUnit> units)
    {
        var hits = new List<Hit>();
        var i = 0;
        while (i < units.Count)
        {
            Node? best = null;
            var bestEnd = i;
            var node = _root;
            var skipped = 0;
            for (var j = i; j < units.Count; j++)
            {
                if (node.Next is not null && node.Next.TryGetValue(units[j].Key, out var next))
                {
                    node = next;
                    if (node.Concepts is not null || node.Role is not null)
                    {
                        best = node;
                        bestEnd = j + 1;
                    }
                }
                else if (node == _root || skipped == MaxFillers || !_fillers.Contains(units[j].Key))
                {
                    break;
                }
                else
                {
                    // A filler inside a phrase is passed over: "lie completely still", 衣服都松了.
                    skipped++;
                }

                // A phrase never runs over the end of a sentence or a pause.
                if (units[j].After != Break.None)
                {
                    break;
                }
            }

            if (best is null)
            {
                i++;
                continue;
            }

            hits.Add(best.Concepts is not null
                ? new Hit(i, bestEnd, PhraseRole.Concept, [.. best.Concepts], best.Negates)
                : new Hit(i, bestEnd, best.Role!.Value, [], best.Negates));
            i = bestEnd;
        }

        return hits;
    }

    private void Add(string phrase, PhraseRole role, string? concept, List<string[]>? negations = null)
    {
        var units = TextUnits.Split(phrase);
        if (units.Count == 0)
        {
            return;
        }

        var node = _root;
        foreach (var unit in units)
        {
            node.Next ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Next.TryGetValue(unit.Key, out var next))
            {
                next = new Node();
                node.Next.Add(unit.Key, next);
            }

            node = next;
            if (!unit.Cjk && _vocabulary.Add(unit.Key) && unit.Raw.Length >= 4 && !char.IsAsciiDigit(unit.Raw[0]))
            {
                if (!_words.TryGetValue(unit.Raw[0], out var list))
                {
                    _words[unit.Raw[0]] = list = [];
                }

                list.Add((unit.Raw, unit.Key));
            }

            _vocabulary.Add(unit.Raw);
        }

        if (concept is null)
        {
            node.Role ??= role;

            // A phrase that negates what comes before and holds a negation after its first word (我没得过, "but I haven't")
            // is a denial; one that opens with the negation (没事, 没问题, "not anymore") is not.
            node.Negates |= role == PhraseRole.NegatesBefore && negations?.Exists(n => HoldsAfterFirst(units, n)) == true;
        }
        else if (node.Concepts is null)
        {
            node.Concepts = [concept];
            node.Negates = negations?.Exists(n => EndsWith(units, n)) == true;
        }
        else if (!node.Concepts.Contains(concept))
        {
            node.Concepts.Add(concept);
        }
    }

    private static bool HoldsAfterFirst(List<TextUnit> units, string[] keys) =>
        keys.Length < units.Count && Enumerable.Range(1, units.Count - keys.Length).Any(i => keys.Select((k, j) => units[i + j].Key == k).All(x => x));

    private static bool EndsWith(List<TextUnit> units, string[] keys)
    {
        if (keys.Length > units.Count)
        {
            return false;
        }

        for (var k = 0; k < keys.Length; k++)
        {
            if (units[units.Count - keys.Length + k].Key != keys[k])
            {
                return false;
            }
        }

        return true;
    }
}
