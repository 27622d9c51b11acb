namespace BackCareBot.Care.Understanding;

/// <summary>
/// One language's second-net model (<see cref="SecondNetFile"/>) made ready to score: the flag a message is most
/// like, and by how much its score beats that of "none". The weights sit in two flat arrays (class, weight) that
/// each feature points into, so the model stays small in memory.
/// </summary>
public sealed class SignClassifier
{
    public const string None = "none";

    private readonly string[] _classes;
    private readonly double[] _bias;
    private readonly int _none;
    private readonly Dictionary<string, (int Start, int Count)> _features;
    private readonly byte[] _class;
    private readonly float[] _weight;

    public SignClassifier(SecondNetFile file)
    {
        Locale = file.Locale;
        Threshold = file.Threshold;
        _classes = [.. file.Classes.Select(c => c.Id)];
        _bias = [.. file.Classes.Select(c => c.Bias)];
        _none = Array.IndexOf(_classes, None);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _classes.Length && i < byte.MaxValue; i++)
        {
            index.TryAdd(_classes[i], i);
        }

        var weights = file.Features.Values.Sum(w => w.Count);
        _class = new byte[weights];
        _weight = new float[weights];
        _features = new Dictionary<string, (int, int)>(file.Features.Count, StringComparer.Ordinal);
        var at = 0;
        foreach (var (feature, perClass) in file.Features)
        {
            var start = at;
            foreach (var (id, weight) in perClass)
            {
                if (index.TryGetValue(id, out var c) && double.IsFinite(weight))
                {
                    _class[at] = (byte)c;
                    _weight[at++] = (float)weight;
                }
                else
                {
                    Problems.Add($"feature '{feature}': {(index.ContainsKey(id) ? "weight " + weight + " is not a finite number" : "class '" + id + "' is not one of the model's classes")}");
                }
            }

            _features[feature] = (start, at - start);
        }

        if (_none < 0)
        {
            Problems.Add($"no class '{None}'");
        }

        if (_classes.Length >= byte.MaxValue)
        {
            Problems.Add($"{_classes.Length} classes, more than {byte.MaxValue - 1}");
        }

        Problems.AddRange(file.Classes.Where(c => !double.IsFinite(c.Bias)).Select(c => $"class '{c.Id}': its bias is not a finite number"));
    }

    public string Locale { get; }

    public double Threshold { get; }

    /// <summary>The class ids: "none" and flag ids.</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>What was wrong with the file (weights left out); the validator reports them.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The flag (none of <paramref name="excluded"/>) whose score is highest, and its margin over "none"; null without one.</summary>
    public (string Flag, double Margin)? Best(HashSet<string> features, IReadOnlyCollection<string>? excluded = null)
    {
        if (_none < 0)
        {
            return null;
        }

        Span<double> scores = stackalloc double[_classes.Length];
        _bias.CopyTo(scores);
        foreach (var feature in features)
        {
            if (!_features.TryGetValue(feature, out var at))
            {
                continue;
            }

            for (var i = at.Start; i < at.Start + at.Count; i++)
            {
                scores[_class[i]] += _weight[i];
            }
        }

        var best = -1;
        for (var c = 0; c < scores.Length; c++)
        {
            if (c != _none && (best < 0 || scores[c] > scores[best]) && excluded?.Contains(_classes[c]) != true)
            {
                best = c;
            }
        }

        return best < 0 ? null : (_classes[best], scores[best] - scores[_none]);
    }
}
