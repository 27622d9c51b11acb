using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Cards;

/// <summary>Source-generated card serialization: the schema's camelCase names, nulls omitted, no reflection.</summary>
/// <remarks>
/// Metadata only, no generated fast path: the card's elements and actions are polymorphic, and through the fast path
/// each of them cost 312 bytes of allocation when written (10.9 KB for an exercise card, measured), where the
/// metadata path writes the same bytes with 0.9 KB for the whole card. Reading uses the metadata either way.
/// The only cards read are the bot's own expanded templates, whose objects have "type" first (the template compiler
/// puts it there), so the reader need not scan each element for its discriminator before reading it: out-of-order
/// metadata off makes reading a 5 KB exercise card ~23% cheaper (54 against 70 µs, medians of 10 alternated rounds on
/// a loaded 2-core host, bench/README.md).
/// </remarks>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowOutOfOrderMetadataProperties = false)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class CardJsonContext : JsonSerializerContext;
