using System.Text.Json;
using System.Text.Unicode;

namespace BackCareBot.Protocol.Schema;

/// <summary>
/// What an incoming activity must have and may not contain, checked before any state is read or written; each
/// broken rule is answered with 400 and the reason this class returns. README "Endpoint" lists the same rules.
/// </summary>
public static class ActivityRules
{
    /// <summary>Longest accepted activity id, from.id, recipient.id and replyToId (Teams ids are under 100 characters).</summary>
    public const int MaxIdLength = 256;

    /// <summary>Longest accepted conversation id (Teams channel thread ids with a message id are under 200).</summary>
    public const int MaxConversationIdLength = 512;

    public const int MaxChannelIdLength = 64;

    public const int MaxServiceUrlLength = 1024;

    /// <summary>The JSON itself: no null inside an array, no string that is not valid UTF-16 (a lone surrogate) or UTF-8.</summary>
    public static string? CheckJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Span<bool> inArray = stackalloc bool[65];
        var depth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                case JsonTokenType.StartObject:
                    inArray[++depth] = reader.TokenType == JsonTokenType.StartArray;
                    break;
                case JsonTokenType.EndArray:
                case JsonTokenType.EndObject:
                    depth--;
                    break;
                case JsonTokenType.Null when inArray[depth]:
                    return "An array in the activity contains null.";
                case JsonTokenType.String:
                case JsonTokenType.PropertyName:
                    if (!IsValidText(ref reader))
                    {
                        return "A string in the activity is not valid Unicode (for example a lone surrogate such as \\ud800).";
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>The fields a turn needs, by activity type; null when the activity may be processed.</summary>
    public static string? Check(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type) || activity.Type.Length > MaxChannelIdLength)
        {
            return "The activity has no type field.";
        }

        if (Missing(activity.Id, MaxIdLength) is { } id)
        {
            return $"The activity's id is {id}.";
        }

        if (Missing(activity.ChannelId, MaxChannelIdLength) is { } channel)
        {
            return $"The activity's channelId is {channel}.";
        }

        if (Missing(activity.Conversation?.Id, MaxConversationIdLength) is { } conversation)
        {
            return $"The activity's conversation.id is {conversation}.";
        }

        if (ServiceUri(activity.ServiceUrl) is null)
        {
            return $"The activity's serviceUrl must be an absolute http or https address of at most {MaxServiceUrlLength} characters.";
        }

        if (activity.IsType(ActivityTypes.Message) && Missing(activity.From?.Id, MaxIdLength) is { } from)
        {
            return $"A message's from.id is {from}.";
        }

        foreach (var (name, value) in new[] { ("from.id", activity.From?.Id), ("recipient.id", activity.Recipient?.Id), ("replyToId", activity.ReplyToId) })
        {
            if (value?.Length > MaxIdLength)
            {
                return $"The activity's {name} is longer than {MaxIdLength} characters.";
            }
        }

        return null;
    }

    /// <summary>The service URL as an absolute http(s) address, or null when it is not one.</summary>
    public static Uri? ServiceUri(string? serviceUrl) =>
        serviceUrl is { Length: > 0 and <= MaxServiceUrlLength } && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? uri
            : null;

    private static string? Missing(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? "missing" : value.Length > maxLength ? $"longer than {maxLength} characters" : null;

    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
