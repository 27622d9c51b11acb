using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackCareBot.Protocol.Cards;

/// <summary>
/// One node of a card template, compiled when the template is read: constant text encoded once, bindings split
/// into paths, <c>$data</c> and <c>$when</c> found, so that binding a card walks the nodes and writes, with no
/// string decoded, split or looked up again for each card.
/// </summary>
internal abstract class TemplateNode
{
    private const string DataKey = "$data";
    private const string WhenKey = "$when";
    private const string TypeKey = "type";

    /// <summary>
    /// Writes the bound value, after its property name when it has one; false (and nothing written) when the node
    /// is removed: a null, an object whose <c>$when</c> fails, a binding to a missing value.
    /// </summary>
    public abstract bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope);

    public static TemplateNode Compile(JsonNode? node) => node switch
    {
        JsonObject obj => new ObjectNode(obj),
        JsonArray array => new ArrayNode(array),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => CompileString(value.GetValue<string>()),
        null => Removed.Instance,
        _ => new ConstantNode(node),
    };

    protected static void WriteName(Utf8JsonWriter writer, JsonEncodedText? name)
    {
        if (name is { } encoded)
        {
            writer.WritePropertyName(encoded);
        }
    }

    private static TemplateNode CompileString(string text)
    {
        var start = text.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return new TextNode(text);
        }

        return start == 0 && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1
            ? new BindingNode(TemplatePath.Parse(text[2..^1]))
            : new InterpolationNode(text);
    }

    /// <summary>A JSON null in the template: the property or item is left out.</summary>
    private sealed class Removed : TemplateNode
    {
        public static readonly Removed Instance = new();

        public override bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope) => false;
    }

    /// <summary>A number or a boolean, written as the template has it.</summary>
    private sealed class ConstantNode(JsonNode value) : TemplateNode
    {
        public override bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope)
        {
            WriteName(writer, name);
            value.WriteTo(writer);
            return true;
        }
    }

    private sealed class TextNode(string text) : TemplateNode
    {
        private readonly JsonEncodedText _text = JsonEncodedText.Encode(text, CardTemplate.Encoder);

        public override bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope)
        {
            WriteName(writer, name);
            writer.WriteStringValue(_text);
            return true;
        }
    }

    /// <summary><c>"${path}"</c> as the whole string: the bound value with its JSON type.</summary>
    private sealed class BindingNode(TemplatePath path) : TemplateNode
    {
        public override bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope)
        {
            if (path.Resolve(scope) is not { } bound)
            {
                return false;
            }

            WriteName(writer, name);
            bound.WriteTo(writer);
            return true;
        }
    }

    /// <summary>Bindings inside a longer string, interpolated as text.</summary>
    private sealed class InterpolationNode : TemplateNode
    {
        private readonly List<(string Text, TemplatePath? Path)> _parts = [];
        private readonly string _tail;

        public InterpolationNode(string text)
        {
            var position = 0;
            for (var start = text.IndexOf("${", StringComparison.Ordinal); start >= 0; start = text.IndexOf("${", position, StringComparison.Ordinal))
            {
                var end = text.IndexOf('}', start);
                _parts.Add((text[position..start], TemplatePath.Parse(text[(start + 2)..end])));
                position = end + 1;
            }

            _tail = text[position..];
        }

        public override bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope)
        {
            var builder = new StringBuilder();
            foreach (var (text, path) in _parts)
            {
                builder.Append(text).Append(AsText(path!.Resolve(scope)));
            }

            WriteName(writer, name);
            writer.WriteStringValue(builder.Append(_tail).ToString());
            return true;
        }

        private static string AsText(JsonNode? value) => value switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            _ => value.ToJsonString(),
        };
    }

    /// <summary>An array; an object item whose <c>$data</c> is bound to an array is repeated once per item.</summary>
    private sealed class ArrayNode : TemplateNode
    {
        private readonly (TemplateNode Node, TemplatePath? Repeat)[] _items;

        public ArrayNode(JsonArray array) =>
            _items = [.. array.Select(item => (Compile(item), item is JsonObject obj && obj[DataKey] is JsonValue binding ? TemplatePath.OfBinding(binding.GetValue<string>()) : null))];

        public override bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope)
        {
            WriteName(writer, name);
            writer.WriteStartArray();
            foreach (var (node, repeat) in _items)
            {
                if (repeat?.Resolve(scope) is JsonArray items)
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        node.Write(writer, null, new TemplateScope(items[i], scope.Root, i));
                    }

                    continue;
                }

                node.Write(writer, null, scope);
            }

            writer.WriteEndArray();
            return true;
        }
    }

    /// <summary>An object, with its data changed by a <c>$data</c> bound to an object and kept only when its <c>$when</c> holds.</summary>
    private sealed class ObjectNode : TemplateNode
    {
        private readonly TemplatePath? _data;
        private readonly bool _hasWhen;
        private readonly bool _negate;
        private readonly TemplatePath? _when;
        private readonly (JsonEncodedText Name, TemplateNode Node)[] _properties;

        public ObjectNode(JsonObject obj)
        {
            if (obj[DataKey] is JsonValue data)
            {
                _data = TemplatePath.OfBinding(data.GetValue<string>());
            }

            if (obj[WhenKey] is JsonValue when)
            {
                var binding = when.GetValue<string>();
                _hasWhen = true;
                _negate = binding.StartsWith("${!", StringComparison.Ordinal);
                _when = _negate ? TemplatePath.Parse(binding[3..^1]) : TemplatePath.OfBinding(binding);
            }

            // "type" first: it is the card model's discriminator, which the reader then finds without scanning ahead.
            _properties = [.. obj.Where(p => p.Key is not (DataKey or WhenKey)).OrderBy(p => p.Key == TypeKey ? 0 : 1).Select(p => (JsonEncodedText.Encode(p.Key, CardTemplate.Encoder), Compile(p.Value)))];
        }

        public override bool Write(Utf8JsonWriter writer, JsonEncodedText? name, in TemplateScope scope)
        {
            var inner = scope;
            if (_data?.Resolve(scope) is JsonObject data && !ReferenceEquals(data, scope.Data))
            {
                inner = scope with { Data = data };
            }

            if (_hasWhen && Truthy(_when?.Resolve(inner)) == _negate)
            {
                return false;
            }

            WriteName(writer, name);
            writer.WriteStartObject();
            foreach (var (property, node) in _properties)
            {
                node.Write(writer, property, inner);
            }

            writer.WriteEndObject();
            return true;
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
    }
}
