using BackCareBot.Care.Content;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BenchmarkDotNet.Attributes;

namespace BackCareBot.Bench;

/// <summary>
/// Recognising one typed message: the warning-sign check that runs on every message (the rule net alone, the screen
/// as the bot runs it with the second net under the rule net, and the second net alone), and an answer to the open
/// question. The messages are typical ones: a long ordinary English sentence, a negated sign, a Chinese message,
/// and an answer with a range. A first message is also read for the answers it gives before they are asked.
/// </summary>
[MemoryDiagnoser]
public class RecognitionBenchmarks
{
    private WarningSignRecognizer _signs = null!;
    private RedFlagScreen _screen = null!;
    private SecondNet _secondNet = null!;
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
        _screen = new RedFlagScreen(content);
        _secondNet = new SecondNet(content);
        _answers = new AnswerRecognizer(content);
        _typed = new TypedAnswers(content);
    }

    [Benchmark]
    public SignMatch? WarningSign() => _signs.Recognize(Message);

    /// <summary>The check as the bot runs it: the rule net, then the second net when the rule net found nothing.</summary>
    [Benchmark]
    public SignMatch? Screen() => _screen.Recognize(Message);

    /// <summary>The second net alone (its features and one linear score per class).</summary>
    [Benchmark]
    public SignMatch? SecondNetOnly() => _secondNet.Recognize(Message);

    [Benchmark]
    public Answer? StiffnessAnswer() => _answers.Recognize("stiffness", Message);

    /// <summary>What a first message says before its questions: five questions read at once.</summary>
    [Benchmark]
    public int FirstMessageAnswers() => _typed.Heard(Message, _answered).Count;
}
