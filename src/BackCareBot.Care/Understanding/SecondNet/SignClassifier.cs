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

    internal SignClassifier(string locale, double threshold, string[] classes, double[] bias, Dictionary<string, (int Start, int Count)> features, byte[] classOf, float[] weight, List<string> problems)
    {
        Locale = locale;
        Threshold = threshold;
        _classes = classes;
        _bias = bias;
        _none = Array.IndexOf(_classes, None);
        _features = features;
        _class = classOf;
        _weight = weight;
        Problems = problems;
    }

    /// <summary>The model as the trainer holds it (the bot reads its file with <see cref="SecondNetReader"/>).</summary>
    public static SignClassifier From(SecondNetFile file)
    {
        var model = new SignClassifierBuilder { Locale = file.Locale, Threshold = file.Threshold };
        foreach (var c in file.Classes)
        {
            model.AddClass(c.Id, c.Bias);
        }

        foreach (var (feature, perClass) in file.Features)
        {
            model.BeginFeature(feature);
            foreach (var (id, weight) in perClass)
            {
                model.AddWeight(id, weight);
            }
        }

        return model.Build();
    }

    public string Locale { get; }

    public double Threshold { get; }

    /// <summary>The class ids: "none" and flag ids.</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>What was wrong with the file (weights left out); the validator reports them.</summary>
    public IReadOnlyList<string> Problems { get; }

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
