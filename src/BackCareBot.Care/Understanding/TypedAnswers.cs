using BackCareBot.Care.Content;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// Typed answers in people's words for the flow's questions: what the words mean for the open question, what was
/// heard before a question was asked (a first message that describes the problem), and how to say back what was understood.
/// </summary>
public sealed class TypedAnswers(CareContent content)
{
    /// <summary>
    /// Questions whose answer a message may give before they are asked (what people say first): time spans, a score
    /// marked as one ("about a 6"), and how people sleep and where it hurts in words that name the context.
    /// </summary>
    public static readonly IReadOnlyList<string> HeardSteps = ["sleep_position", "pain_area", "pain_now", "stiffness", "duration"];

    private readonly AnswerRecognizer _answers = new(content);

    /// <summary>Yes / no / not sure in the words of answers.json's yesNo (a confirming question, "is that right?").</summary>
    public YesNoAnswer? YesNo(string? text) => content.YesNo.Recognize(text);

    /// <summary>
    /// Yes / no / not sure typed to the yes/no question <paramref name="stepId"/>: the words every yes/no question
    /// takes first, then the question's own words in answers.json ("heels are fine", 腰没动过手术, "I sleep right through").
    /// A question's own "yes" also wins over a shared "no" or "not sure" it starts with: "no strength in it" and 没有力气
    /// answer "is the foot getting weaker?" with yes, "no feeling" answers "is there numbness?" with yes, 不知道什么时候该小便
    /// "have you lost the feeling that your bladder is full?".
    /// </summary>
    public YesNoAnswer? YesNo(string stepId, string? text)
    {
        var shared = content.YesNo.Recognize(text);
        if (shared is YesNoAnswer.Yes)
        {
            return shared;
        }

        var own = _answers.Recognize(stepId, text)?.Value switch
        {
            AnswerYesNo.Yes => YesNoAnswer.Yes,
            AnswerYesNo.No => YesNoAnswer.No,
            AnswerYesNo.Unsure => YesNoAnswer.Unsure,
            _ => (YesNoAnswer?)null,
        };
        return own is YesNoAnswer.Yes ? own : shared ?? own;
    }

    /// <summary>The choice a typed message gives for <paramref name="step"/> in people's words.</summary>
    public Answer? For(FlowStep step, string? text) => string.IsNullOrWhiteSpace(text) ? null : _answers.Recognize(step.Id, text);

    /// <summary>
    /// The options of a choice question, with the typed text added to the option it was understood as. A button's
    /// own label (or one of its listed words) typed exactly is left to the options.
    /// </summary>
    public IReadOnlyList<ChoiceOption> Options(FlowStep step, IReadOnlyList<ChoiceOption> options, string? text)
    {
        var typed = TextNormalizer.Normalize(text);
        if (options.Any(o => TextNormalizer.Normalize(o.Value) == typed || o.Phrases.Any(p => TextNormalizer.Normalize(p) == typed)))
        {
            return options;
        }

        return For(step, text) is { } answer
            ? [.. options.Select(o => o.Value == answer.Value ? new ChoiceOption(o.Value, [.. o.Phrases, text!]) : o)]
            : options;
    }

    /// <summary>
    /// Whether a typed message reads as an answer to <paramref name="step"/>: yes / no / not sure to a yes/no
    /// question, a number, or people's words for one of its answers. A choice question without words in
    /// answers.json is assumed answered (its buttons decide).
    /// </summary>
    public bool Answers(FlowStep step, string text) => step.Kind switch
    {
        StepKinds.YesNo => YesNo(step.Id, text) is not null,
        StepKinds.Choice or StepKinds.Number => !_answers.Knows(step.Id) || NumberRecognizer.Recognize(text) is not null || _answers.Recognize(step.Id, text) is not null,
        _ => true,
    };

    /// <summary>
    /// Answers a message gives to questions not asked yet and not already answered ("I sleep on my side and it's
    /// stiff for an hour every morning"), to be confirmed when each question comes.
    /// </summary>
    public Dictionary<string, string> Heard(string text, IReadOnlyDictionary<string, string> answered)
    {
        var heard = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (step, answer) in _answers.RecognizeHeard(HeardSteps.Where(s => !answered.ContainsKey(s)), text))
        {
            heard[step] = answer.Value;
        }

        return heard;
    }

    /// <summary>Whether a typed answer to <paramref name="step"/> was a range whose higher end was taken.</summary>
    public bool TookHigher(FlowStep step, string? text) => _answers.Recognize(step.Id, text)?.TookHigher == true;
}
