using BackCareBot.Care.Content;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// Typed answers in people's words for the flow's questions: what the words mean for the open question, what was
/// heard before a question was asked (a first message that describes the problem), and how to say back what was understood.
/// </summary>
public sealed class TypedAnswers(CareContent content)
{
    /// <summary>Questions whose answer a first message may already give: only time spans, which cannot be mistaken.</summary>
    private static readonly string[] HeardSteps = ["stiffness", "duration"];

    private readonly AnswerRecognizer _answers = new(content);

    /// <summary>The choice a typed message gives for <paramref name="step"/>: people's words, or "yes" to an answer heard earlier.</summary>
    public Answer? For(FlowStep step, string? text, CareState state)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (state.Heard?.TryGetValue(step.Id, out var heard) == true && YesNoRecognizer.Recognize(text) == YesNoAnswer.Yes)
        {
            return new Answer(heard, false);
        }

        return _answers.Recognize(step.Id, text);
    }

    /// <summary>
    /// The options of a choice question, with the typed text added to the option it was understood as. A button's
    /// own label (or one of its listed words) typed exactly is left to the options.
    /// </summary>
    public IReadOnlyList<ChoiceOption> Options(FlowStep step, IReadOnlyList<ChoiceOption> options, string? text, CareState state)
    {
        var typed = TextNormalizer.Normalize(text);
        if (options.Any(o => TextNormalizer.Normalize(o.Value) == typed || o.Phrases.Any(p => TextNormalizer.Normalize(p) == typed)))
        {
            return options;
        }

        return For(step, text, state) is { } answer
            ? [.. options.Select(o => o.Value == answer.Value ? new ChoiceOption(o.Value, [.. o.Phrases, text!]) : o)]
            : options;
    }

    /// <summary>Answers a first message gives before any question is asked ("stiff for an hour every morning").</summary>
    public Dictionary<string, string> Heard(string text)
    {
        var heard = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in HeardSteps)
        {
            if (_answers.Recognize(step, text) is { } answer)
            {
                heard[step] = answer.Value;
            }
        }

        return heard;
    }

    /// <summary>Whether a typed answer to <paramref name="step"/> was a range whose higher end was taken.</summary>
    public bool TookHigher(FlowStep step, string? text) => _answers.Recognize(step.Id, text)?.TookHigher == true;
}
