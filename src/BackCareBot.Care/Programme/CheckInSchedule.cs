namespace BackCareBot.Care.Programme;

/// <summary>
/// When the next check-in of a <see cref="CheckInPlan"/> is due, as a UTC instant: the picked local time on the
/// first local day that is not today's already-sent one, not snoozed, not paused, outside quiet hours, within
/// the programme's weeks, from the day after the user opted in. Local times are converted with the zone's rules for that date, so DST days are right:
/// a time that does not exist (the spring-forward gap) moves forward by the gap, and a time that happens twice
/// (fall back) is taken the first time.
/// </summary>
public static class CheckInSchedule
{
    /// <summary>Twelve weeks: then the programme ends by itself and says so.</summary>
    public const int ProgrammeDays = 84;

    public static DateTimeOffset? NextDue(CheckInPlan plan, DateTimeOffset now, QuietHours quiet)
    {
        var zone = Zone(plan.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var time = quiet.Allowed(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(plan.Minutes)));
        var last = plan.StartedOn.AddDays(ProgrammeDays - 1);
        // The first check-in is the morning after the user opted in.
        for (var day = today > plan.StartedOn ? today : plan.StartedOn.AddDays(1); day <= last; day = day.AddDays(1))
        {
            if (day <= plan.LastSentOn || day == plan.SnoozedOn || day <= plan.PausedUntil)
            {
                continue;
            }

            var due = ToUtc(day.ToDateTime(time), zone);
            if (due > now)
            {
                return due;
            }
        }

        return null;
    }

    /// <summary>The local date of an instant in the plan's zone.</summary>
    public static DateOnly LocalDate(CheckInPlan plan, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone(plan.TimeZone)).DateTime);

    /// <summary>The IANA zone, or UTC for an id this machine does not know (the user is then asked for their time).</summary>
    public static TimeZoneInfo Zone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool IsKnownZone(string? id) => id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Clocks jumped over this time today: read it with the offset before the jump, i.e. later by the gap.
            return new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(-3))).ToUniversalTime();
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
