namespace BackCareBot.Care.Programme;

/// <summary>
/// The user's daily check-in, stored with the conversation: the time of day they picked, in their own time zone
/// (an IANA id), and what they asked for since (snooze today, pause some days). Null in the state means no check-ins.
/// </summary>
public sealed class CheckInPlan
{
    /// <summary>An IANA time zone id ("Europe/London"); "UTC" when the channel gave none.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// True while <see cref="TimeZone"/> is a guess (the channel gave no zone: the offset of its local time, or UTC)
    /// that the user has not corrected: the time card then asks for the zone.
    /// </summary>
    public bool ZoneGuessed { get; set; }

    /// <summary>Minutes after local midnight.</summary>
    public int Minutes { get; set; } = 8 * 60;

    /// <summary>The local date the programme started: it ends by itself after <see cref="CheckInSchedule.ProgrammeDays"/>.</summary>
    public DateOnly StartedOn { get; set; }

    /// <summary>The local date of the last check-in sent: never more than one a day.</summary>
    public DateOnly? LastSentOn { get; set; }

    /// <summary>No check-in on this local date ("not today").</summary>
    public DateOnly? SnoozedOn { get; set; }

    /// <summary>No check-ins up to and including this local date.</summary>
    public DateOnly? PausedUntil { get; set; }

    /// <summary>The diary's pain scores, one character per programme day (<see cref="PainDiary"/>).</summary>
    public string Pain { get; set; } = "";

    /// <summary>The diary's "compared with yesterday" answers, one character per programme day.</summary>
    public string Compared { get; set; } = "";

    /// <summary>
    /// The diary's morning stiffness, sleeping position and "did the exercises" answers together, one character per
    /// programme day (<see cref="PainDiary"/>): three columns of their own would take the state of a full programme over 2 KB.
    /// </summary>
    public string Morning { get; set; } = "";

    /// <summary>Progression's and escalation's notes (<see cref="ProgrammeNotes"/>); null until there is one.</summary>
    public ProgrammeNotes? Notes { get; set; }
}
