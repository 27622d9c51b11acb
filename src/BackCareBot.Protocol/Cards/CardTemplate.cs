using System.Buffers;
using System.Text.Encodings.Web;
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
    private readonly TemplateNode _template;

    private CardTemplate(string name, TemplateNode template)
    {
        Name = name;
        _template = template;
    }

    public string Name { get; }

    public static CardTemplate Parse(string name, string json)
    {
        var node = JsonNode.Parse(json) ?? throw new FormatException($"{name}: the template is empty.");
        CheckExpressions(name, node);
        return new CardTemplate(name, TemplateNode.Compile(node));
    }

    /// <summary>Binds the data and reads the result as a card; an element the model does not know is an error.</summary>
    /// <remarks>
    /// The bound card is written straight to JSON bytes as the compiled template is walked, then read as the card
    /// model: no tree of the result is built only to be written out again for the reader.
    /// </remarks>
    public AdaptiveCard Expand(JsonObject data)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (!_template.Write(writer, null, new TemplateScope(data, data, null)))
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

    /// <summary>The bytes are read back at once, never sent: text is kept as it is rather than escaped for HTML.</summary>
    internal static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder, SkipValidation = true };

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
