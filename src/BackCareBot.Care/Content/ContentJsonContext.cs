using System.Text.Json;
using System.Text.Json.Serialization;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Content;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(Flow))]
[JsonSerializable(typeof(RedFlagFile))]
[JsonSerializable(typeof(EmergencyFile))]
[JsonSerializable(typeof(SourceFile))]
[JsonSerializable(typeof(AdviceFile))]
[JsonSerializable(typeof(ExerciseFile))]
[JsonSerializable(typeof(QuizFile))]
[JsonSerializable(typeof(ProgrammeFile))]
[JsonSerializable(typeof(LocaleFile))]
[JsonSerializable(typeof(ConceptFile))]
[JsonSerializable(typeof(AnswerFile))]
internal sealed partial class ContentJsonContext : JsonSerializerContext;
