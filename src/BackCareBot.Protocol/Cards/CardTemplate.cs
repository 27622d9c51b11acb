using System.Buffers;
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
    /// <remarks>
    /// The bound card is written straight to JSON bytes as the template is walked, then read as the card model: no
    /// tree of the result is built only to be written out again for the reader.
    /// </remarks>
    public AdaptiveCard Expand(JsonObject data)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (!Write(writer, null, _template, new Scope(data, data, null)))
            {
                throw new FormatException($"{Name}: the template's root was removed by $when.");
            }
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.WrittenSpan, CardJsonContext.Default.AdaptiveCard) ?? throw new FormatException($"{Name}: the expanded card is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{Name}: the expanded card does not fit the card model: {e.Message}", e);
        }
    }

    /// <summary>One buffer per thread for the bound card's bytes, read back at once (expansion never awaits).</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    // The bytes are read back at once, never sent: text is kept as it is rather than escaped for HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly record struct Scope(JsonNode? Data, JsonNode? Root, int? Index);

    /// <summary>
    /// Writes the bound value of a template node, after its property name when it has one; false (and nothing
    /// written) when the node is removed: a null, an object whose <c>$when</c> fails, a binding to a missing value.
    /// </summary>
    private static bool Write(Utf8JsonWriter writer, string? property, JsonNode? node, Scope scope)
    {
        switch (node)
        {
            case JsonObject obj:
                return WriteObject(writer, property, obj, scope);
            case JsonArray array:
                WriteName(writer, property);
                WriteArray(writer, array, scope);
                return true;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return WriteString(writer, property, value.GetValue<string>(), scope);
            case null:
                return false;
            default:
                WriteName(writer, property);
                node.WriteTo(writer);
                return true;
        }
    }

    private static void WriteName(Utf8JsonWriter writer, string? property)
    {
        if (property is not null)
        {
            writer.WritePropertyName(property);
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, JsonArray array, Scope scope)
    {
        writer.WriteStartArray();
        foreach (var item in array)
        {
            if (item is JsonObject obj && obj[DataKey] is JsonValue binding && Evaluate(binding.GetValue<string>(), scope) is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    WriteObject(writer, null, obj, new Scope(items[i], scope.Root, i));
                }

                continue;
            }

            Write(writer, null, item, scope);
        }

        writer.WriteEndArray();
    }

    private static bool WriteObject(Utf8JsonWriter writer, string? property, JsonObject obj, Scope scope)
    {
        if (obj[DataKey] is JsonValue binding && Evaluate(binding.GetValue<string>(), scope) is JsonObject data && !ReferenceEquals(data, scope.Data))
        {
            scope = scope with { Data = data };
        }

        if (obj[WhenKey] is JsonValue when && !IsTrue(when.GetValue<string>(), scope))
        {
            return false;
        }

        WriteName(writer, property);
        writer.WriteStartObject();
        foreach (var (key, value) in obj)
        {
            if (key is not (DataKey or WhenKey))
            {
                Write(writer, key, value, scope);
            }
        }

        writer.WriteEndObject();
        return true;
    }

    private static bool WriteString(Utf8JsonWriter writer, string? property, string text, Scope scope)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            WriteName(writer, property);
            writer.WriteStringValue(text);
            return true;
        }

        if (start == 0 && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1)
        {
            if (Resolve(text[2..^1], scope) is not { } bound)
            {
                return false;
            }

            WriteName(writer, property);
            bound.WriteTo(writer);
            return true;
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

        WriteName(writer, property);
        writer.WriteStringValue(builder.Append(text, position, text.Length - position).ToString());
        return true;
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
