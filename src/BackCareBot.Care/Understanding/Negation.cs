namespace BackCareBot.Care.Understanding;

/// <summary>
/// NegEx-style scopes. An English negation ("no", "never", "without") covers what follows, up to seven words, the end
/// of the sentence or a terminator ("but", "now"): "no numbness or weakness" negates both, "no fever yesterday but
/// today I'm burning up" does not negate the second fever. A bare "No," or "No." answers, it negates nothing.
/// A Chinese negation (没有, 不, 无) covers its clause, which ends at a comma, a full stop or a terminator (但是, 只是,
/// 今天). "is fine" / 正常 negate back to the start of their clause. Hedges ("I think", 好像) negate nothing. A bare
/// denial said twice after a short question reaches back to it ("cancer? nope, never").
/// </summary>
public static class Negation
{
    private const int EnglishScope = 7;

    /// <param name="lasting">Concepts a resolution said after them ("long gone", 早好了) does not deny from the clause
    /// before: a history ("had cancer years ago, long gone" is still a history of cancer).</param>
    public static bool[] Negated(List<TextUnit> units, List<Hit> hits, IReadOnlySet<string>? lasting = null)
    {
        var negatedUnit = new bool[units.Count];
        var resolvedUnit = new bool[units.Count];
        for (var h = 0; h < hits.Count; h++)
        {
            var hit = hits[h];
            if (hit.Role == PhraseRole.Concept && hit.Negates)
            {
                // A concept that ends with a negation (以前没) negates what follows it, never itself.
                var end = units[hit.Start].Cjk ? ClauseEnd(units, hits, h) : EnglishEnd(units, hits, h);
                Mark(negatedUnit, hit.End, FirstConceptEnd(units, hits, h, end));
            }
            else if (hit.Role == PhraseRole.NegatesAfter)
            {
                var cjk = units[hit.Start].Cjk;
                if (!cjk && units[hit.End - 1].After != Break.None)
                {
                    // A bare denial answered twice over a short question reaches back to it: "cancer? nope, never".
                    if (BareAfterBare(units, hits, h))
                    {
                        Mark(negatedUnit, DeniedFrom(units, hits, hit.Start), hit.Start);
                    }

                    continue;
                }

                var from = cjk ? ClauseStart(units, hits, h) : hit.End;
                var to = FirstConceptEnd(units, hits, h, cjk ? ClauseEnd(units, hits, h) : EnglishEnd(units, hits, h));
                Mark(negatedUnit, from, to);
            }
            else if (hit.Role == PhraseRole.NegatesBefore && hit.Negates && !EndsClause(units, hit))
            {
                // A denial with more words after it in its clause ("我没有发烧") negates what follows, as its negation would.
                var end = units[hit.Start].Cjk ? ClauseEnd(units, hits, h) : EnglishEnd(units, hits, h);
                Mark(negatedUnit, hit.End, FirstConceptEnd(units, hits, h, end));
            }
            else if (hit.Role == PhraseRole.NegatesBefore && hit.Negates && ClauseStart(units, hits, h) == hit.Start && hit.Start > 0)
            {
                // A denial that is a clause on its own reaches back over the clause before it: "我爸得过肠癌，我自己没有",
                // and over a bare "no" and a question of a word or two: "cancer? no, never had it", "癌症？这辈子没得过".
                Mark(negatedUnit, DeniedFrom(units, hits, hit.Start), hit.Start);
            }
            else if (hit.Role == PhraseRole.NegatesBefore)
            {
                var clause = ClauseStart(units, hits, h);
                var from = clause;
                if (units[hit.Start].Cjk)
                {
                    // "春天得过肺炎，早好了": a resolution of three characters or more (no negation in it) that is a clause
                    // on its own reaches back over the clause before it, as "long gone" does in English.
                    from = from == hit.Start && from > 0 && units[from - 1].After == Break.Pause && hit.End - hit.Start > 2
                        ? PreviousClauseStart(units, from - 1)
                        : from;
                }
                else
                {
                    // "the fever I had was back in January, long gone": a phrase of time past that stands alone after a
                    // comma reaches back over the clause before it, within the sentence.
                    from = from == hit.Start && from > 0 && units[from - 1].After == Break.Pause && hit.End - hit.Start > 1 && !Copulas.Contains(units[hit.Start].Raw)
                        ? PreviousClauseStart(units, from - 1)
                        : Math.Max(from, hit.Start - 5);
                }

                Mark(resolvedUnit, from, Math.Min(clause, hit.Start));
                Mark(negatedUnit, Math.Max(from, clause), hit.Start);
            }
        }

        var negated = new bool[hits.Count];
        for (var h = 0; h < hits.Count; h++)
        {
            var start = hits[h].Start;
            negated[h] = hits[h].Role == PhraseRole.Concept
                && (negatedUnit[start] || (resolvedUnit[start] && (lasting is null || !Array.Exists(hits[h].Concepts, lasting.Contains))));
        }

        return negated;
    }

    /// <summary>
    /// A negation covers the first thing it names and whatever is joined to it ("no numbness, tingling or weakness",
    /// 没有麻木也没有无力), not the next idea ("没减肥体重掉了": not dieting, and the weight went down).
    /// </summary>
    private static int FirstConceptEnd(List<TextUnit> units, List<Hit> hits, int h, int end)
    {
        for (var k = h + 1; k < hits.Count && hits[k].Start < end; k++)
        {
            if (hits[k].Role != PhraseRole.Concept)
            {
                continue;
            }

            var after = hits[k].End;
            var joined = units[after - 1].After == Break.Pause
                || (after < units.Count && Conjunctions.Contains(units[after].Raw))
                || (k + 1 < hits.Count && hits[k + 1].Start == after && hits[k + 1].Role == PhraseRole.Concept && !units[after].Cjk);
            if (!joined)
            {
                return Math.Min(end, after);
            }
        }

        return end;
    }

    private static readonly HashSet<string> Conjunctions = new(["or", "nor", "and", "或", "也", "和", "及", "或者", "还", "with", "in", "around", "of", "any"], StringComparer.Ordinal);

    private static readonly HashSet<string> Copulas = new(["is", "are", "was", "were"], StringComparer.OrdinalIgnoreCase);

    private static bool EndsClause(List<TextUnit> units, Hit hit) => hit.End == units.Count || units[hit.End - 1].After != Break.None;

    /// <summary>
    /// Where the clause a standalone denial negates starts: the clause before it (over a comma), past a bare "no" or 没有,
    /// and over a full stop or question mark only when the sentence before is a word or two.
    /// </summary>
    private static int DeniedFrom(List<TextUnit> units, List<Hit> hits, int start)
    {
        var from = start;
        for (var step = 0; step < 2 && from > 0; step++)
        {
            var previous = PreviousClauseStart(units, from - 1);
            if (units[from - 1].After == Break.Sentence && from - previous > 3)
            {
                break;
            }

            var bare = hits.Exists(k => k.Start == previous && k.End == from && k.Role == PhraseRole.NegatesAfter);
            from = previous;
            if (!bare)
            {
                break;
            }
        }

        return from;
    }

    /// <summary>A bare English "no" / "never" alone in its clause, right after another one: "nope, never", "no, no".</summary>
    private static bool BareAfterBare(List<TextUnit> units, List<Hit> hits, int h)
    {
        var hit = hits[h];
        if (hit.Start == 0 || ClauseStart(units, hits, h) != hit.Start || units[hit.Start - 1].After != Break.Pause)
        {
            return false;
        }

        // Only over a question of a word or two: "I have chest pain, no, no, it's real" keeps its chest pain.
        var previous = PreviousClauseStart(units, hit.Start - 1);
        return previous > 0 && units[previous - 1].After == Break.Sentence && previous - PreviousClauseStart(units, previous - 1) <= 3
            && hits.Exists(k => k.Start == previous && k.End == hit.Start && k.Role == PhraseRole.NegatesAfter);
    }

    private static int PreviousClauseStart(List<TextUnit> units, int last)
    {
        var i = last;
        while (i > 0 && units[i - 1].After == Break.None)
        {
            i--;
        }

        return i;
    }

    private static void Mark(bool[] negated, int from, int to)
    {
        for (var i = Math.Max(0, from); i < Math.Min(to, negated.Length); i++)
        {
            negated[i] = true;
        }
    }

    private static int EnglishEnd(List<TextUnit> units, List<Hit> hits, int h)
    {
        var limit = Math.Min(units.Count, hits[h].End + EnglishScope);
        for (var i = hits[h].End; i < limit; i++)
        {
            if (units[i].After == Break.Sentence)
            {
                limit = i + 1;
                break;
            }
        }

        for (var k = h + 1; k < hits.Count && hits[k].Start < limit; k++)
        {
            if (hits[k].Role == PhraseRole.Terminator)
            {
                return hits[k].Start;
            }
        }

        return limit;
    }

    private static int ClauseStart(List<TextUnit> units, List<Hit> hits, int h)
    {
        var start = hits[h].Start;
        var i = start;
        while (i > 0 && units[i - 1].After == Break.None)
        {
            i--;
        }

        for (var k = h - 1; k >= 0 && hits[k].End > i; k--)
        {
            if (hits[k].Role == PhraseRole.Terminator)
            {
                return hits[k].End;
            }
        }

        return i;
    }

    private static int ClauseEnd(List<TextUnit> units, List<Hit> hits, int h)
    {
        var end = hits[h].End;
        while (end < units.Count && units[end - 1].After == Break.None)
        {
            end++;
        }

        for (var k = h + 1; k < hits.Count && hits[k].Start < end; k++)
        {
            if (hits[k].Role == PhraseRole.Terminator)
            {
                return hits[k].Start;
            }
        }

        return end;
    }
}
