using System.Text.Json.Serialization;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Bench.Host;

/// <summary>Source-generated JSON for the state the benchmark bot stores (no reflection per turn).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
