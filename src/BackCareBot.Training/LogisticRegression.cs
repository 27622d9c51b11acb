using BackCareBot.Care.Understanding;

namespace BackCareBot.Training;

/// <summary>
/// Multinomial logistic regression over the features of <see cref="SignFeatures"/> (each 1 when present), trained by
/// stochastic gradient descent with L2 weight decay, each epoch in an order drawn from the lines' own texts
/// (<see cref="StableHash"/>), so that the same lines always give the same model and one more line does not reorder
/// the rest. A feature seen in fewer than <see cref="MinLines"/> lines is left out, and weights nearer zero than
/// <see cref="Prune"/> are dropped (the model stays small).
/// </summary>
public static class LogisticRegression
{
    public const int MinLines = 2;
    public const int Epochs = 30;
    public const double Rate = 0.05;
    public const double Decay = 1e-4;
    public const double Prune = 0.02;

    public static SecondNetFile Train(IReadOnlyList<TrainingLine> lines, string locale)
    {
        var classes = lines.Select(l => l.Class).Distinct().Order(StringComparer.Ordinal).ToArray();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var sets = lines.Select(l => SignFeatures.Of(l.Text)).ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in sets.SelectMany(f => f))
        {
            seen[feature] = seen.GetValueOrDefault(feature) + 1;
        }

        var names = seen.Where(s => s.Value >= MinLines).Select(s => s.Key).Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var rows = sets.Select(s => s.Where(index.ContainsKey).Select(f => index[f]).Order().ToArray()).ToArray();
        var labels = lines.Select(l => classIndex[l.Class]).ToArray();
        var c = classes.Length;
        var weights = new double[names.Length * c];
        var bias = new double[c];
        var scores = new double[c];
        var order = Enumerable.Range(0, lines.Count).ToArray();
        var hashes = lines.Select(l => StableHash.Of(l.Text)).ToArray();
        var keys = new ulong[lines.Count];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            // Each epoch visits the lines in an order drawn from their own texts (ties broken by position).
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = ((ulong)StableHash.Mix(hashes[i], epoch) << 32) | (uint)i;
            }

            Array.Sort(keys);
            for (var i = 0; i < keys.Length; i++)
            {
                order[i] = (int)(keys[i] & 0xFFFFFFFF);
            }

            var rate = Rate / (1 + (0.1 * epoch));
            foreach (var i in order)
            {
                Softmax(rows[i], weights, bias, scores);
                scores[labels[i]] -= 1;
                for (var k = 0; k < c; k++)
                {
                    bias[k] -= rate * scores[k];
                }

                foreach (var f in rows[i])
                {
                    for (var k = 0; k < c; k++)
                    {
                        ref var w = ref weights[(f * c) + k];
                        w -= rate * (scores[k] + (Decay * w));
                    }
                }
            }
        }

        var features = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        for (var f = 0; f < names.Length; f++)
        {
            var kept = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var k = 0; k < c; k++)
            {
                var w = Round(weights[(f * c) + k]);
                if (Math.Abs(w) >= Prune)
                {
                    kept[classes[k]] = w;
                }
            }

            if (kept.Count > 0)
            {
                features[names[f]] = kept;
            }
        }

        return new SecondNetFile
        {
            Locale = locale,
            Classes = [.. classes.Select((id, k) => new NetClass { Id = id, Bias = Round(bias[k]) })],
            Features = features,
        };
    }

    private static void Softmax(int[] row, double[] weights, double[] bias, double[] scores)
    {
        var c = scores.Length;
        Array.Copy(bias, scores, c);
        foreach (var f in row)
        {
            for (var k = 0; k < c; k++)
            {
                scores[k] += weights[(f * c) + k];
            }
        }

        var max = scores.Max();
        var sum = 0.0;
        for (var k = 0; k < c; k++)
        {
            scores[k] = Math.Exp(scores[k] - max);
            sum += scores[k];
        }

        for (var k = 0; k < c; k++)
        {
            scores[k] /= sum;
        }
    }

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.ToEven);
}
