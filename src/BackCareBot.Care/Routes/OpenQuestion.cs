using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Routes;

/// <summary>
/// Hands the user's answer to the open question, or starts the check when nothing is open. A message that describes
/// the problem instead of answering (the first one, or one at the consent and scope questions) is acknowledged and
/// the question asked again; each answer it gave is confirmed when its question comes: "yes" takes it, "no" asks
/// the question as usual. Nothing is taken from a message that names a warning sign.
/// </summary>
internal sealed class OpenQuestion(CareTexts texts, TypedAnswers typed, StepCatalog steps, IWarningSignCheck warningSigns)
{
    public async Task<DialogTurnResult> AnswerAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var text = turn.Input.IsCardAnswer ? null : turn.Input.Text;
        if (dc.ActiveFrame is null)
        {
            Hear(dc, text);
            return await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
        }

        if (text is not null && steps.Current(dc) is { } step && StepKinds.Asks(step.Kind))
        {
            var answers = typed.Answers(step, text);
            if (!answers && turn.State.Heard?.TryGetValue(step.Id, out var heard) == true && typed.YesNo(text) is YesNoAnswer confirmed and not YesNoAnswer.Unsure)
            {
                if (confirmed == YesNoAnswer.No)
                {
                    turn.State.Heard!.Remove(step.Id);
                    turn.Say(texts.T(turn, "answer.heard_no"));
                    await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                    return DialogTurnResult.Waiting;
                }

                turn.TakeHeard(heard);
            }
            else if (Early(dc) && Hear(dc, text) && !answers)
            {
                // The message described the problem instead of answering: noted, and the question is asked again.
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                return DialogTurnResult.Waiting;
            }
        }

        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Stale)
        {
            // An answer from a card of another question or an earlier run: say so, and ask the open question again.
            turn.Say(texts.T(turn, "prompt.stale"));
            await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Before the questions a message may answer early: at the consent and scope questions of the care flow.</summary>
    private static bool Early(DialogContext<CareTurn> dc) =>
        dc.ActiveFrame?.DialogId == CareBot.CareFlow && !TypedAnswers.HeardSteps.Any(dc.State.Answers.ContainsKey);

    /// <summary>Notes and says back the answers a message gives to questions not asked yet.</summary>
    /// <returns>True when something new was heard.</returns>
    private bool Hear(DialogContext<CareTurn> dc, string? text)
    {
        var turn = dc.Turn;
        if (text is null || warningSigns.Recognize(text, turn.State.Flags) is not null || typed.Heard(text, dc.State.Answers) is not { Count: > 0 } heard)
        {
            return false;
        }

        turn.State.Heard ??= new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (step, value) in heard)
        {
            turn.State.Heard[step] = value;
        }

        var understood = string.Join(texts.T(turn, "answer.heard_join"), heard.Select(h => texts.T(turn, "answer.heard_item", "topic", texts.T(turn, "answer.topic." + h.Key))
            .Replace("{answer}", steps.Find(h.Key) is { } step ? texts.AnswerLabel(turn, step, h.Value) : h.Value, StringComparison.Ordinal)));
        turn.Say(texts.T(turn, "answer.heard", "answers", understood));
        return true;
    }
}
