using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Schema;

/// <summary>
/// An activity's attachment. A card made by the bot is kept as the JSON bytes it was serialised to and written out
/// as they are (<see cref="FromJson"/>): a reply's card is written twice per turn (into the stored outbox and into
/// the Connector's body) and read by nobody in between, so it is parsed only when something asks for
/// <see cref="Content"/>.
/// </summary>
[JsonConverter(typeof(AttachmentConverter))]
public sealed class Attachment
{
    private JsonElement? _content;
    private byte[]? _json;

    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }

    /// <summary>Any JSON value: an object for cards, a string for Teams' text/html mirror.</summary>
    public JsonElement? Content
    {
        get
        {
            if (_content is null && _json is { } json)
            {
                var reader = new Utf8JsonReader(json);
                _content = JsonElement.ParseValue(ref reader);
            }

            return _content;
        }
        set
        {
            _content = value;
            _json = null;
        }
    }

    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    /// <summary>Fields the bot does not model, written back as they came.</summary>
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>An attachment whose content is <paramref name="json"/>, one JSON value in UTF-8, which it now owns.</summary>
    public static Attachment FromJson(string contentType, byte[] json) => new() { ContentType = contentType, _json = json };

    /// <summary>The content's JSON as it will be written: the bytes it was made from, or those of the parsed value.</summary>
    internal ReadOnlySpan<byte> ContentJson =>
        _json ?? (_content is { } content ? System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(content) : default);

    internal bool HasContent => _json is not null || _content is { ValueKind: not JsonValueKind.Undefined };
}
