using System.Globalization;
using BackCareBot.Care.Actions;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Programme;

/// <summary>
/// The plan's steps over the programme (programme.json <c>progression</c>, clinical.md 4.2: add 1-2 repeats every
/// few days if comfortable). At a check-in, when the exercises were done with nothing hurting on 3 of the last 4
/// programme days since the last step, the plan moves up one step: first back from a step back after a worse day,
/// then repeats added. A worse check-in, "It hurts" or "Too hard" moves it down (the step back itself is made by the
/// check-in and by the card's feedback); the next check-in says in one sentence what changed and why.
/// </summary>
internal sealed class Progression(CareServices services)
{
    public const string Up = "up";
    public const string Down = "down";

    /// <summary>Today's step, made before today's cards are planned; the sentence that says it, or null when nothing changed.</summary>
    public string? Step(DialogContext<CareTurn> dc, CheckInPlan plan, int day, string compared)
    {
        var turn = dc.Turn;
        var notes = plan.Notes ??= new ProgrammeNotes();
        if (compared == "worse")
        {
            // The check-in stepped the dose back and says so ("checkin.worse"); the next step up counts from today.
            Changed(notes, day, Down);
            return null;
        }

        if (notes.Eased == true)
        {
            Changed(notes, day, Down);
            return services.Texts.T(turn, "progression.eased");
        }

        var rule = services.Content.Programme.Progression;
        var good = GoodDays(plan, notes, day);
        if (good < rule.GoodDays)
        {
            return null;
        }

        var state = turn.State;
        var before = Doses(dc);
        var back = state.DoseStepBack > 0;
        if (back)
        {
            state.DoseStepBack--;
        }
        else if (state.Progress.StepsUp < rule.MaxSteps)
        {
            state.Progress.StepsUp++;
        }
        else
        {
            return null;
        }

        if (Doses(dc) == before)
        {
            // Nothing on today's cards would change (the pain is too high for more repeats): no step is taken.
            state.DoseStepBack += back ? 1 : 0;
            state.Progress.StepsUp -= back ? 0 : 1;
            return null;
        }

        Changed(notes, day, Up);
        return services.Texts.Localizer.Text(turn.Locale, back ? "progression.up_back" : "progression.up", "good", Number(good))
            .Replace("{days}", Number(rule.OfLastDays), StringComparison.Ordinal)
            .Replace("{reps}", Number(rule.RepsPerStep), StringComparison.Ordinal);
    }

    /// <summary>Feedback on an exercise card, kept for the day it was given: "Done", or "It hurts"/"Too hard" (which wins, and eases the plan).</summary>
    public static void Noted(CareState state, DateTimeOffset now, string verb)
    {
        if (state.CheckIn is not { } plan)
        {
            return;
        }

        var notes = plan.Notes ??= new ProgrammeNotes();
        var done = verb == "exercise.done";
        notes.Feel(Day(plan, now), done ? ProgrammeNotes.Done : ProgrammeNotes.Hurt);
        if (!done)
        {
            notes.Eased = true;
        }
    }

    /// <summary>The programme day of an instant: 0 the day the user opted in, 1 the first check-in's.</summary>
    public static int Day(CheckInPlan plan, DateTimeOffset instant) => CheckInSchedule.LocalDate(plan, instant).DayNumber - plan.StartedOn.DayNumber;

    /// <summary>
    /// The exercises of day <paramref name="day"/> were done with nothing hurting: an exercise card got "Done" that day,
    /// or the next morning's check-in said all were done and no card got "It hurts" or "Too hard" that day.
    /// </summary>
    public static bool Exercised(ProgrammeNotes? notes, IReadOnlyDictionary<int, DiaryDay> diary, int day) =>
        notes?.FeltOn(day) == ProgrammeNotes.Done || (PainDiary.ExercisesOf(diary, day) == "yes" && notes?.FeltOn(day) != ProgrammeNotes.Hurt);

    private int GoodDays(CheckInPlan plan, ProgrammeNotes notes, int day)
    {
        var rule = services.Content.Programme.Progression;
        var diary = PainDiary.ByDay(plan);
        var from = Math.Max(Math.Max(1, notes.ChangedOn ?? 1), day - rule.OfLastDays + 1);
        var good = 0;
        for (var d = from; d <= day; d++)
        {
            if (Exercised(notes, diary, d) && diary.GetValueOrDefault(d)?.Compared != "worse")
            {
                good++;
            }
        }

        return good;
    }

    /// <summary>Today's cards as they would be planned: exercise, dose and whether gentle.</summary>
    private string Doses(DialogContext<CareTurn> dc)
    {
        var state = dc.Turn.State;
        return string.Join(';', services.Exercises.Plan(dc.State.Answers, state.Level, state.DoseStepBack, state.Progress)
            .Select(p => $"{p.Exercise.Id}:{p.Dose.Reps}:{p.Dose.HoldSeconds}:{p.Dose.Sets}:{p.Dose.RestSeconds}:{p.Gentle}"));
    }

    private static void Changed(ProgrammeNotes notes, int day, string change)
    {
        notes.ChangedOn = day;
        notes.Change = change;
        notes.Eased = null;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
