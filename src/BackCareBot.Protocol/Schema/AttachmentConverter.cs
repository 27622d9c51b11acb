using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Schema;

/// <summary>
/// Reads and writes an <see cref="Attachment"/> as the wire has it (camelCase, absent fields left out, unknown fields
/// kept), writing its content as raw JSON: the bytes a card was serialised to, or those a parsed value came from,
/// copied rather than re-tokenised. Property names are matched without regard to case, as the web defaults do.
/// </summary>
public sealed class AttachmentConverter : JsonConverter<Attachment>
{
    public override Attachment? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An attachment is a JSON object.");
        }

        var attachment = new Attachment();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name.ToLowerInvariant())
            {
                case "contenttype":
                    attachment.ContentType = ReadString(ref reader);
                    break;
                case "contenturl":
                    attachment.ContentUrl = ReadString(ref reader);
                    break;
                case "content":
                    attachment.Content = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
                    break;
                case "name":
                    attachment.Name = ReadString(ref reader);
                    break;
                case "thumbnailurl":
                    attachment.ThumbnailUrl = ReadString(ref reader);
                    break;
                default:
                    (attachment.Extra ??= [])[name] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }

        return attachment;
    }

    public override void Write(Utf8JsonWriter writer, Attachment value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteString(writer, "contentType", value.ContentType);
        WriteString(writer, "contentUrl", value.ContentUrl);
        if (value.HasContent)
        {
            writer.WritePropertyName("content");
            writer.WriteRawValue(value.ContentJson, skipInputValidation: true);
        }

        WriteString(writer, "name", value.Name);
        WriteString(writer, "thumbnailUrl", value.ThumbnailUrl);
        if (value.Extra is { } extra)
        {
            foreach (var (name, element) in extra)
            {
                writer.WritePropertyName(name);
                element.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static string? ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException("An attachment's contentType, contentUrl, name and thumbnailUrl are strings."),
        };

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
