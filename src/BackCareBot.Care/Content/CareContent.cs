using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Care.Content;

/// <summary>Everything in dialogs/, loaded once at start-up and read-only afterwards.</summary>
public sealed class CareContent
{
    public const string QuizFlowId = "quiz";

    public required string Folder { get; init; }

    public required IReadOnlyDictionary<string, Flow> Flows { get; init; }

    public required RedFlagFile RedFlags { get; init; }

    /// <summary>The warning signs as combinations of concepts, with the words for each (concepts.json).</summary>
    public required ConceptFile Concepts { get; init; }

    /// <summary>The words people use for the answers to each question (answers.json).</summary>
    public required AnswerFile Answers { get; init; }

    public required EmergencyFile Emergency { get; init; }

    public required IReadOnlyDictionary<string, Source> Sources { get; init; }

    public required AdviceFile Advice { get; init; }

    public required ExerciseFile Exercises { get; init; }

    public required QuizFile Quiz { get; init; }

    /// <summary>Progression, the weekly summary and escalation over the programme's weeks (programme.json).</summary>
    public required ProgrammeFile Programme { get; init; }

    /// <summary>Card templates from dialogs/cards/, by file name without extension ("question", "exercise", ...).</summary>
    public required IReadOnlyDictionary<string, CardTemplate> Cards { get; init; }

    /// <summary>Locale name ("en", "zh-CN") to its strings.</summary>
    public required IReadOnlyDictionary<string, LocaleFile> Locales { get; init; }

    /// <summary>The content folder next to the app (copied there at build), never the current directory.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "dialogs");

    public static CareContent Load(string folder)
    {
        var flows = new Dictionary<string, Flow>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "flows"), "*.json").Order(StringComparer.Ordinal))
        {
            var flow = Read(file, ContentJsonContext.Default.Flow);
            flows.Add(flow.Id, flow);
        }

        var quiz = Read(Path.Combine(folder, "quiz.json"), ContentJsonContext.Default.QuizFile);
        flows.Add(QuizFlowId, QuizFlow(quiz));

        var locales = new Dictionary<string, LocaleFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "locales"), "*.json"))
        {
            locales.Add(Path.GetFileNameWithoutExtension(file), Read(file, ContentJsonContext.Default.LocaleFile));
        }

        var cards = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "cards"), "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                cards.Add(Path.GetFileNameWithoutExtension(file), CardTemplate.Parse(Path.GetFileName(file), File.ReadAllText(file)));
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                throw new ContentException(file, e.Message);
            }
        }

        return new CareContent
        {
            Folder = folder,
            Cards = cards,
            Flows = flows,
            RedFlags = Read(Path.Combine(folder, "redflags.json"), ContentJsonContext.Default.RedFlagFile),
            Concepts = Read(Path.Combine(folder, "concepts.json"), ContentJsonContext.Default.ConceptFile),
            Answers = Read(Path.Combine(folder, "answers.json"), ContentJsonContext.Default.AnswerFile),
            Emergency = Read(Path.Combine(folder, "emergency.json"), ContentJsonContext.Default.EmergencyFile),
            Sources = Read(Path.Combine(folder, "sources.json"), ContentJsonContext.Default.SourceFile).Sources.ToDictionary(s => s.Id, StringComparer.Ordinal),
            Advice = Read(Path.Combine(folder, "advice.json"), ContentJsonContext.Default.AdviceFile),
            Exercises = Read(Path.Combine(folder, "exercises.json"), ContentJsonContext.Default.ExerciseFile),
            Quiz = quiz,
            Programme = Read(Path.Combine(folder, "programme.json"), ContentJsonContext.Default.ProgrammeFile),
            Locales = locales,
        };
    }

    /// <summary>The quiz is data (quiz.json); its flow is one choice step per question, ending with the score.</summary>
    private static Flow QuizFlow(QuizFile quiz)
    {
        var steps = new List<FlowStep> { new() { Id = "quiz_intro", Kind = StepKinds.Tell, Text = ["quiz.intro"], Next = quiz.Questions.FirstOrDefault()?.Id ?? "quiz_score" } };
        for (var i = 0; i < quiz.Questions.Count; i++)
        {
            var question = quiz.Questions[i];
            steps.Add(new FlowStep
            {
                Id = question.Id,
                Kind = StepKinds.Choice,
                Prompt = question.Prompt,
                Why = "why.quiz",
                Choices = question.Choices,
                Next = i + 1 < quiz.Questions.Count ? quiz.Questions[i + 1].Id : "quiz_score",
            });
        }

        steps.Add(new FlowStep { Id = "quiz_score", Kind = StepKinds.Action, Action = "quiz_score" });
        return new Flow { Id = QuizFlowId, Start = "quiz_intro", Steps = steps };
    }

    private static T Read<T>(string path, JsonTypeInfo<T> type)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, type) ?? throw new ContentException(path, "the file is empty");
        }
        catch (JsonException e)
        {
            throw new ContentException(path, e.Message);
        }
    }
}

public sealed class ContentException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;
}
