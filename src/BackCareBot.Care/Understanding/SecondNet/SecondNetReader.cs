using System.Buffers;
using System.Text.Json;
using BackCareBot.Care.Content;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// Reads dialogs/second-net/{locale}.json (<see cref="SecondNetFile"/>'s shape) straight from its bytes into a
/// <see cref="SignClassifier"/>: each weight goes to the flat arrays as it is read, with no object per feature in
/// between (the file has about 8,000 features and 50,000 weights, read while the bot starts), and the file itself is
/// read in small pieces (<see cref="FileSegments"/>). What the trainer wrote about its training is skipped: the bot
/// does not need it.
/// </summary>
public static class SecondNetReader
{
    public static SignClassifier Read(string path)
    {
        try
        {
            return Read(FileSegments.Read(path));
        }
        catch (JsonException e)
        {
            throw new ContentException(path, e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new ContentException(path, e.Message);
        }
    }

    private static SignClassifier Read(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var model = new SignClassifierBuilder();
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "locale":
                    model.Locale = reader.GetString() ?? "";
                    break;
                case "threshold":
                    model.Threshold = reader.GetDouble();
                    break;
                case "classes":
                    ReadClasses(ref reader, model);
                    break;
                case "features":
                    ReadFeatures(ref reader, model);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return model.Build();
    }

    private static void ReadClasses(ref Utf8JsonReader reader, SignClassifierBuilder model)
    {
        Check(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            string? id = null;
            var bias = double.NaN;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                var isBias = reader.ValueTextEquals("bias"u8);
                reader.Read();
                if (isId)
                {
                    id = reader.GetString();
                }
                else if (isBias)
                {
                    bias = reader.GetDouble();
                }
                else
                {
                    reader.Skip();
                }
            }

            model.AddClass(id ?? "", bias);
        }
    }

    private static void ReadFeatures(ref Utf8JsonReader reader, SignClassifierBuilder model)
    {
        Check(ref reader, JsonTokenType.StartObject);
        Span<char> classId = stackalloc char[64];
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            model.BeginFeature(reader.GetString()!);
            Expect(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                ReadOnlySpan<char> id = length <= classId.Length ? classId[..reader.CopyString(classId)] : reader.GetString();
                reader.Read();
                model.AddWeight(id, reader.GetDouble());
            }
        }

        model.EndFeature();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the file ends too early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        Next(ref reader);
        Check(ref reader, type);
    }

    private static void Check(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {type} at byte {reader.TokenStartIndex}, found {reader.TokenType}");
        }
    }
}
