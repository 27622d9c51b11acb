using System.Text.Json;
using System.Text.Json.Serialization;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Protocol.DirectLine;

/// <summary>The answer to token and conversation calls of Direct Line 3.0.</summary>
public sealed class DirectLineConversation
{
    public string? ConversationId { get; set; }
    public string? Token { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }

    public string? StreamUrl { get; set; }
    public string? ReferenceGrammarId { get; set; }
}

/// <summary>A page of a conversation's activities and the watermark to ask from next.</summary>
public sealed class ActivitySet
{
    public List<Activity> Activities { get; set; } = [];
    public string? Watermark { get; set; }
}

/// <summary>Optional body of <c>POST /tokens/generate</c> and <c>POST /conversations</c>.</summary>
public sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }
    public string? Locale { get; set; }
}

/// <summary>The claims carried by a Direct Line token (a JWT so Web Chat can read the user id from it).</summary>
public sealed class DirectLineClaims
{
    [JsonPropertyName("conv")]
    public string? ConversationId { get; set; }

    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("exp")]
    public long ExpiresAt { get; set; }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(TokenParameters))]
[JsonSerializable(typeof(DirectLineClaims))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class DirectLineJsonContext : JsonSerializerContext;
