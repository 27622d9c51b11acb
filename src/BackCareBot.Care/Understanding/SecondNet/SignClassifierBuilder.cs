namespace BackCareBot.Care.Understanding;

/// <summary>
/// Gathers one model's classes and weights as they are read (from <see cref="SecondNetFile"/> or straight from the
/// file's bytes, <see cref="SecondNetReader"/>) into the flat arrays <see cref="SignClassifier"/> scores with. Classes
/// and features may come in either order: a weight keeps its class by name until <see cref="Build"/>. What is gathered
/// sits in small arrays (<see cref="SmallArrays{T}"/>), not in lists that grow onto the large-object heap.
/// </summary>
public sealed class SignClassifierBuilder
{
    private readonly List<string> _classes = [];
    private readonly List<double> _bias = [];
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly List<string> _nameOf = [];
    private readonly SmallArrays<(string Feature, int Start, int Count)> _features = new();
    private readonly SmallArrays<(int Name, float Weight)> _weights = new();
    private readonly List<string> _problems = [];
    private string? _feature;
    private int _start;

    public string Locale { get; set; } = "";

    public double Threshold { get; set; }

    public void AddClass(string id, double bias)
    {
        _classes.Add(id);
        _bias.Add(bias);
        if (!double.IsFinite(bias))
        {
            _problems.Add($"class '{id}': its bias is not a finite number");
        }
    }

    public void BeginFeature(string feature)
    {
        EndFeature();
        _feature = feature;
        _start = _weights.Count;
    }

    /// <summary>A weight of the current feature for the class of that name (the span is only read here).</summary>
    public void AddWeight(ReadOnlySpan<char> classId, double weight)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(classId, out var name))
        {
            name = _nameOf.Count;
            var id = classId.ToString();
            _nameOf.Add(id);
            _names.Add(id, name);
        }

        if (double.IsFinite(weight))
        {
            _weights.Add((name, (float)weight));
        }
        else
        {
            _problems.Add($"feature '{_feature}': weight {weight} is not a finite number");
        }
    }

    public void EndFeature()
    {
        if (_feature is not null)
        {
            _features.Add((_feature, _start, _weights.Count - _start));
            _feature = null;
        }
    }

    public SignClassifier Build()
    {
        EndFeature();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _classes.Count && i < byte.MaxValue; i++)
        {
            index.TryAdd(_classes[i], i);
        }

        var classOf = _nameOf.Select(n => index.TryGetValue(n, out var c) ? c : -1).ToArray();
        // Weights for unknown classes are left out; each feature's range is moved over the ones kept before it.
        var classes = new byte[_weights.Count];
        var weights = new float[_weights.Count];
        var features = new Dictionary<string, (int Start, int Count)>(_features.Count, StringComparer.Ordinal);
        var at = 0;
        for (var f = 0; f < _features.Count; f++)
        {
            var (feature, first, count) = _features[f];
            var start = at;
            for (var i = first; i < first + count; i++)
            {
                var (name, weight) = _weights[i];
                if (classOf[name] is >= 0 and var c)
                {
                    classes[at] = (byte)c;
                    weights[at++] = weight;
                }
                else
                {
                    _problems.Add($"feature '{feature}': class '{_nameOf[name]}' is not one of the model's classes");
                }
            }

            features[feature] = (start, at - start);
        }

        if (!_classes.Contains(SignClassifier.None))
        {
            _problems.Add($"no class '{SignClassifier.None}'");
        }

        if (_classes.Count >= byte.MaxValue)
        {
            _problems.Add($"{_classes.Count} classes, more than {byte.MaxValue - 1}");
        }

        Array.Resize(ref classes, at);
        Array.Resize(ref weights, at);
        return new SignClassifier(Locale, Threshold, [.. _classes], [.. _bias], features, classes, weights, _problems);
    }
}
