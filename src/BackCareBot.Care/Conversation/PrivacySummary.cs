using System.Globalization;
using System.Text;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// "What do you know about me": every stored answer, the level, the exercise cards' feedback, a planned check-in, the
/// check-in diary and the chosen language.
/// </summary>
internal sealed class PrivacySummary(CareTexts texts, StepCatalog steps, Content.CareContent content, Programme.CheckInProgramme programme)
{
    public string For(CareTurn turn)
    {
        var state = turn.State;
        if (state.Dialog.Answers.Count == 0 && state.Flags.Count == 0 && state.CheckInDue is null && state.CheckIn is null && state.Locale is null)
        {
            return texts.T(turn, "privacy.nothing");
        }

        var text = new StringBuilder(texts.T(turn, "privacy.summary"));
        foreach (var (stepId, value) in state.Dialog.Answers)
        {
            var step = steps.Find(stepId);
            var question = step?.Prompt is { } prompt ? texts.T(turn, prompt) : stepId;
            var answer = step is null ? value : texts.AnswerLabel(turn, step, value);
            text.Append("\n\n- ").Append(question).Append(" → ").Append(answer);
        }

        text.Append("\n\n- ").Append(texts.T(turn, "privacy.level", "level", state.Level));
        var progress = state.Progress;
        foreach (var (key, ids) in new[] { ("privacy.hurt", progress.Replaced), ("privacy.too_hard", progress.SteppedDown), ("privacy.done", [.. progress.Done.Keys]) })
        {
            if (ids.Count > 0)
            {
                text.Append("\n\n- ").Append(texts.T(turn, key, "exercises", string.Join(", ", ids.Select(id => Title(turn, id)))));
            }
        }

        if (state.CheckInDue is { } due)
        {
            text.Append("\n\n- ").Append(texts.T(turn, "privacy.checkin", "time", due.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        }

        if (programme.Summary(turn) is { } diary)
        {
            text.Append("\n\n- ").Append(diary);
        }

        if (state.Country is { } country)
        {
            text.Append("\n\n- ").Append(texts.T(turn, "privacy.country", "country", country));
        }

        if (state.Locale is { } language)
        {
            text.Append("\n\n- ").Append(texts.T(turn, "privacy.language", "language", language));
        }

        return text.Append("\n\n").Append(texts.T(turn, "privacy.how_to_delete")).ToString();
    }

    private string Title(CareTurn turn, string exerciseId) =>
        content.Exercises.Exercises.Find(e => e.Id == exerciseId) is { } exercise ? texts.T(turn, exercise.Title) : exerciseId;
}
