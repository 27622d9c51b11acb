using BackCareBot.Care.Content;
using BackCareBot.Care.Understanding;
using BenchmarkDotNet.Attributes;

namespace BackCareBot.Bench;

/// <summary>
/// Recognising one typed message: the warning-sign check that runs on every message, and an answer to the open
/// question. The messages are typical ones: a long ordinary English sentence, a negated sign, a Chinese message,
/// and an answer with a range. A first message is also read for the answers it gives before they are asked.
/// </summary>
[MemoryDiagnoser]
public class RecognitionBenchmarks
{
    private WarningSignRecognizer _signs = null!;
    private AnswerRecognizer _answers = null!;
    private TypedAnswers _typed = null!;
    private readonly Dictionary<string, string> _answered = [];

    [Params(
        "I can't bend down to put my socks on for the first hour, it eases after a hot shower",
        "no numbness or weakness, but when I wipe it feels like it's someone else's skin",
        "早上起来要好久才能直起腰，没有发烧，屁股也不麻")]
    public string Message { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var content = CareContent.Load(CareContent.DefaultFolder);
        _signs = new WarningSignRecognizer(content);
        _answers = new AnswerRecognizer(content);
        _typed = new TypedAnswers(content);
    }

    [Benchmark]
    public SignMatch? WarningSign() => _signs.Recognize(Message);

    [Benchmark]
    public Answer? StiffnessAnswer() => _answers.Recognize("stiffness", Message);

    /// <summary>What a first message says before its questions: five questions read at once.</summary>
    [Benchmark]
    public int FirstMessageAnswers() => _typed.Heard(Message, _answered).Count;
}
