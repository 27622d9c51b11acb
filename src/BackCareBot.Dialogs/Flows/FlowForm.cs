using System.Text.Json;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Dialogs.Flows;

/// <summary>
/// A form step: several choice and yes/no questions of the same flow on one card with one submit. The questions
/// stay in the flow, in order, with the branches between them; the card answers them at once and the flow then
/// walks on past every question it covered, so a question the card did not answer (typed answers, a partial
/// submit) is asked on its own, one at a time.
/// <para>
/// A form with <see cref="FlowStep.None"/> is a checklist of warning signs: each sign is Yes / No / Not sure,
/// "None of these" is one answer, and only what was ticked is kept (Not sure counts as yes). Its answer, stored under
/// the form's id, says which signs were ticked ("none", or "rf01=yes;rf02a=unsure"); typed "yes" (or "not sure")
/// stores <see cref="AskEach"/>, and every sign is then asked on its own, as if there were no card.
/// </para>
/// </summary>
public static class FlowForm
{
    /// <summary>The answer to a checklist when its signs are to be asked one at a time.</summary>
    public const string AskEach = "yes";

    /// <summary>The answer to a checklist with nothing ticked.</summary>
    public const string NoneTicked = "none";

    public const string Unsure = "unsure";

    public static bool IsChecklist(FlowStep form) => form.None is not null;

    /// <summary>Whether a question of a form was answered by it in this pass, so the flow does not ask it again.</summary>
    public static bool Covers(FlowStep form, FlowStep field, DialogState state) =>
        IsChecklist(form)
            ? state.Answers.TryGetValue(form.Id, out var answer) && answer != AskEach
            : state.Answers.ContainsKey(field.Id);

    /// <summary>
    /// Before a form is asked: a checklist forgets its last answer (earlier "yes" signs stay, as with questions asked
    /// again); the other forms forget their questions' answers, so that typed answers start at the first question.
    /// </summary>
    public static void Reset(FlowStep form, IEnumerable<FlowStep> fields, DialogState state)
    {
        state.Answers.Remove(form.Id);
        if (!IsChecklist(form))
        {
            foreach (var field in fields)
            {
                state.Answers.Remove(field.Id);
            }
        }
    }

    /// <summary>Undoes a form's answer ("back"): the form and what it stored are forgotten.</summary>
    public static void Undo(FlowStep form, IEnumerable<FlowStep> fields, DialogState state)
    {
        if (state.Answers.Remove(form.Id, out var answer) && IsChecklist(form))
        {
            foreach (var (id, _) in Decode(answer))
            {
                state.Answers.Remove(id);
            }

            return;
        }

        foreach (var field in fields)
        {
            state.Answers.Remove(field.Id);
        }
    }

    /// <summary>
    /// The answers a card submit gives, in the form's order: each input named by its question's id. A checklist keeps
    /// the ticked signs only ("None of these" cannot untick a sign ticked on the card); an answer that is not one of
    /// the question's own is left out (a form then asks that question on its own).
    /// </summary>
    public static List<FormAnswer> Read(FlowStep form, IEnumerable<FlowStep> fields, JsonElement data)
    {
        var answers = new List<FormAnswer>();
        foreach (var field in fields)
        {
            var raw = UserInput.ReadString(data, field.Id);
            var answer = field.Kind switch
            {
                StepKinds.YesNo => raw switch
                {
                    "yes" or "no" => new FormAnswer(field, raw, raw),
                    Unsure when field.AllowUnsure => new FormAnswer(field, "yes", Unsure),
                    _ => null,
                },
                _ => field.Choices?.Exists(c => c.Value == raw) == true ? new FormAnswer(field, raw!, raw!) : null,
            };
            if (answer is not null && (!IsChecklist(form) || answer.Value == "yes"))
            {
                answers.Add(answer);
            }
        }

        return answers;
    }

    /// <summary>The form's own answer: what each question was given ("age=16to49;pregnant=no"), or "none".</summary>
    public static string Encode(IReadOnlyList<FormAnswer> answers) =>
        answers.Count == 0 ? NoneTicked : string.Join(';', answers.Select(a => $"{a.Field.Id}={a.Given}"));

    public static IEnumerable<(string Id, string Given)> Decode(string answer) =>
        answer is NoneTicked or AskEach
            ? []
            : answer.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1]));
}

/// <summary>One question answered on a form's card: the value stored, and what the user chose (Not sure is stored as yes).</summary>
public sealed record FormAnswer(FlowStep Field, string Value, string Given)
{
    public bool Unsure => Given == FlowForm.Unsure;
}
