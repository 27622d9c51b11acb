using System.Globalization;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Dialogs.Flows;

/// <summary>A typed answer to one question step, by its kind: yes/no (and "not sure"), a number in range, free text, or a choice.</summary>
internal static class StepAnswerRecognizer
{
    public static (string? Value, bool Unsure) Recognize(FlowStep step, string? text, IYesNoReader yesNo, Func<IReadOnlyList<ChoiceOption>> options)
    {
        switch (step.Kind)
        {
            case StepKinds.YesNo:
                return yesNo.YesNo(step, text) switch
                {
                    YesNoAnswer.Yes => ("yes", false),
                    YesNoAnswer.No => ("no", false),
                    YesNoAnswer.Unsure => (null, true),
                    _ => (null, false),
                };
            case StepKinds.Number:
                var number = NumberRecognizer.Recognize(text);
                return number is { } n && n >= (step.Min ?? int.MinValue) && n <= (step.Max ?? int.MaxValue)
                    ? (n.ToString(CultureInfo.InvariantCulture), false)
                    : (null, false);
            case StepKinds.Text:
                return (TextNormalizer.IsBlank(text) ? null : text!.Trim(), false);
            default:
                return (ChoiceRecognizer.Recognize(text, options()), false);
        }
    }
}
