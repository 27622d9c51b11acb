using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Cards;

/// <summary>Source-generated card serialization: the schema's camelCase names, nulls omitted, no reflection.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class CardJsonContext : JsonSerializerContext;
