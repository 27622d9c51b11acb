namespace BackCareBot.Care.Programme;

/// <summary>
/// What progression and escalation keep with the <see cref="CheckInPlan"/> (and so lose with it on "stop check-ins"
/// and "forget me"): the exercise cards' feedback per programme day, the last step the plan took, and the
/// escalation messages already said. At most 84 characters of feedback and a few ids.
/// </summary>
public sealed class ProgrammeNotes
{
    public const char Done = 'd';
    public const char Hurt = 'h';

    /// <summary>Per programme day: 'd' an exercise card got "Done", 'h' one got "It hurts" or "Too hard" (it wins), '.' none.</summary>
    public string? Felt { get; set; }

    /// <summary>The programme day of the plan's last step up or down; the next step counts only the days after it.</summary>
    public int? ChangedOn { get; set; }

    /// <summary>"up" or "down": the last step's direction, for the weekly summary.</summary>
    public string? Change { get; set; }

    /// <summary>An exercise hurt or was too hard since the last check-in: the next check-in says the plan eased.</summary>
    public bool? Eased { get; set; }

    /// <summary>The escalation rules already said (programme.json ids): each is said once.</summary>
    public List<string>? Said { get; set; }

    public char FeltOn(int day) => Felt is { } felt && day >= 0 && day < felt.Length ? felt[day] : '.';

    public void Feel(int day, char value)
    {
        if (day is < 0 or >= CheckInSchedule.ProgrammeDays || FeltOn(day) == Hurt)
        {
            return;
        }

        var chars = (Felt ?? "").PadRight(day + 1, '.').ToCharArray();
        chars[day] = value;
        Felt = new string(chars);
    }
}
