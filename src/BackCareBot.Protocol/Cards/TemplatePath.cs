using System.Text.Json.Nodes;

namespace BackCareBot.Protocol.Cards;

/// <summary>The data a template node is bound in: the current item (<c>$data</c>), the root data and a repeat's index.</summary>
internal readonly record struct TemplateScope(JsonNode? Data, JsonNode? Root, int? Index);

/// <summary>
/// A binding's dotted path, split once when the template is read: property names from the current data, from
/// <c>$root</c> or <c>$data</c>, or <c>$index</c> in a repeat.
/// </summary>
internal sealed class TemplatePath
{
    private enum Start { Data, Root, Index }

    private readonly Start _start;
    private readonly string[] _names;

    private TemplatePath(Start start, string[] names)
    {
        _start = start;
        _names = names;
    }

    public static TemplatePath Parse(string path)
    {
        var parts = path.Trim().Split('.');
        return parts[0] switch
        {
            "$root" => new TemplatePath(Start.Root, parts[1..]),
            "$data" => new TemplatePath(Start.Data, parts[1..]),
            "$index" => new TemplatePath(Start.Index, []),
            _ => new TemplatePath(Start.Data, parts),
        };
    }

    /// <summary>The path of <c>"${path}"</c>; null when the text is not a whole binding.</summary>
    public static TemplatePath? OfBinding(string binding) =>
        binding.StartsWith("${", StringComparison.Ordinal) && binding.EndsWith('}') ? Parse(binding[2..^1]) : null;

    public JsonNode? Resolve(in TemplateScope scope)
    {
        if (_start == Start.Index)
        {
            return scope.Index is { } index ? JsonValue.Create(index) : null;
        }

        var current = _start == Start.Root ? scope.Root : scope.Data;
        for (var i = 0; i < _names.Length && current is not null; i++)
        {
            current = current is JsonObject obj ? obj[_names[i]] : null;
        }

        return current;
    }
}
