using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Cards;

/// <summary>
/// A card template: Adaptive Card JSON with the subset of the Adaptive Card Templating language the bot needs.
/// <list type="bullet">
/// <item><c>"${path}"</c> as a whole string is replaced by the bound value with its JSON type (a number stays a
/// number, an object an object); inside a longer string it is interpolated as text. A path is property names joined
/// by dots, starting from the current data (<c>$data</c>), from <c>$root</c>, or <c>$index</c> in a repeat.</item>
/// <item><c>"$data": "${path}"</c> on an object inside an array repeats the object once per item of the bound
/// array, each with the item as its data; bound to an object it changes the data for that object.</item>
/// <item><c>"$when": "${path}"</c> or <c>"${!path}"</c> keeps the object only when the value is (or is not)
/// truthy: present and not false, null, 0, an empty string or an empty array.</item>
/// </list>
/// A binding to a missing value removes the property; functions and other expressions are not supported and are
/// refused when the template is read.
/// </summary>
public sealed class CardTemplate
{
    private const string DataKey = "$data";
    private const string WhenKey = "$when";
    private readonly JsonNode _template;

    private CardTemplate(string name, JsonNode template)
    {
        Name = name;
        _template = template;
    }

    public string Name { get; }

    public static CardTemplate Parse(string name, string json)
    {
        var node = JsonNode.Parse(json) ?? throw new FormatException($"{name}: the template is empty.");
        CheckExpressions(name, node);
        return new CardTemplate(name, node);
    }

    /// <summary>Binds the data and reads the result as a card; an element the model does not know is an error.</summary>
    public AdaptiveCard Expand(JsonObject data)
    {
        var expanded = ExpandNode(_template, new Scope(data, data, null))
            ?? throw new FormatException($"{Name}: the template's root was removed by $when.");
        try
        {
            return expanded.Deserialize(CardJsonContext.Default.AdaptiveCard) ?? throw new FormatException($"{Name}: the expanded card is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{Name}: the expanded card does not fit the card model: {e.Message}", e);
        }
    }

    private readonly record struct Scope(JsonNode? Data, JsonNode? Root, int? Index);

    private static JsonNode? ExpandNode(JsonNode? node, Scope scope) => node switch
    {
        JsonObject obj => ExpandObject(obj, scope),
        JsonArray array => ExpandArray(array, scope),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => ExpandString(value.GetValue<string>(), scope),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonArray ExpandArray(JsonArray array, Scope scope)
    {
        var result = new JsonArray();
        foreach (var item in array)
        {
            if (item is JsonObject obj && obj[DataKey] is JsonValue binding && Evaluate(binding.GetValue<string>(), scope) is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (ExpandObject(obj, new Scope(items[i], scope.Root, i)) is { } repeated)
                    {
                        result.Add((JsonNode)repeated);
                    }
                }

                continue;
            }

            if (ExpandNode(item, scope) is { } expanded)
            {
                result.Add((JsonNode)expanded);
            }
        }

        return result;
    }

    private static JsonObject? ExpandObject(JsonObject obj, Scope scope)
    {
        if (obj[DataKey] is JsonValue binding && Evaluate(binding.GetValue<string>(), scope) is JsonObject data && !ReferenceEquals(data, scope.Data))
        {
            scope = scope with { Data = data };
        }

        if (obj[WhenKey] is JsonValue when && !IsTrue(when.GetValue<string>(), scope))
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is DataKey or WhenKey)
            {
                continue;
            }

            if (ExpandNode(value, scope) is { } expanded)
            {
                result[key] = expanded;
            }
        }

        return result;
    }

    private static JsonNode? ExpandString(string text, Scope scope)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return JsonValue.Create(text);
        }

        if (start == 0 && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1)
        {
            return Resolve(text[2..^1], scope)?.DeepClone();
        }

        var builder = new StringBuilder();
        var position = 0;
        while (start >= 0)
        {
            var end = text.IndexOf('}', start);
            builder.Append(text, position, start - position).Append(AsText(Resolve(text[(start + 2)..end], scope)));
            position = end + 1;
            start = text.IndexOf("${", position, StringComparison.Ordinal);
        }

        return JsonValue.Create(builder.Append(text, position, text.Length - position).ToString());
    }

    private static JsonNode? Evaluate(string binding, Scope scope) =>
        binding.StartsWith("${", StringComparison.Ordinal) && binding.EndsWith('}') ? Resolve(binding[2..^1], scope) : null;

    private static bool IsTrue(string binding, Scope scope)
    {
        var negate = binding.StartsWith("${!", StringComparison.Ordinal);
        var value = negate ? Resolve(binding[3..^1], scope) : Evaluate(binding, scope);
        return Truthy(value) != negate;
    }

    private static bool Truthy(JsonNode? value) => value switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject => true,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) != 0,
            _ => true,
        },
        _ => true,
    };

    private static JsonNode? Resolve(string path, Scope scope)
    {
        var parts = path.Trim().Split('.');
        JsonNode? current;
        var first = 1;
        switch (parts[0])
        {
            case "$root":
                current = scope.Root;
                break;
            case "$data":
                current = scope.Data;
                break;
            case "$index":
                return scope.Index is { } index ? JsonValue.Create(index) : null;
            default:
                current = scope.Data;
                first = 0;
                break;
        }

        for (var i = first; i < parts.Length && current is not null; i++)
        {
            current = current is JsonObject obj ? obj[parts[i]] : null;
        }

        return current;
    }

    private static string AsText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>Refuses expressions outside the supported subset when the template is read, not when a user waits.</summary>
    private static void CheckExpressions(string name, JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    if (value is not null)
                    {
                        CheckExpressions(name, value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    CheckExpressions(name, item);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                for (var start = text.IndexOf("${", StringComparison.Ordinal); start >= 0; start = text.IndexOf("${", start + 2, StringComparison.Ordinal))
                {
                    var end = text.IndexOf('}', start);
                    var expression = end < 0 ? text[start..] : text[(start + 2)..end];
                    if (end < 0 || !IsPath(expression.TrimStart('!')))
                    {
                        throw new FormatException($"{name}: '{expression}' is not a supported binding (a dotted path, e.g. ${{$root.title}}).");
                    }
                }

                break;
        }
    }

    private static bool IsPath(string expression) =>
        expression.Length > 0 && expression.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$'));
}

/// <summary>Source-generated card serialization: the schema's camelCase names, nulls omitted, no reflection.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class CardJsonContext : JsonSerializerContext;
