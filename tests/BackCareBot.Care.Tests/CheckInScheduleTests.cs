using BackCareBot.Care.Programme;

namespace BackCareBot.Care.Tests;

/// <summary>When the next check-in is due, in the user's own zone, on ordinary days and on the days clocks change.</summary>
public sealed class CheckInScheduleTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static CheckInPlan Plan(string zone, int hour, int minute = 0, DateOnly? started = null) =>
        new() { TimeZone = zone, Minutes = (hour * 60) + minute, StartedOn = started ?? new DateOnly(2026, 6, 1) };

    [Theory]
    // Europe/London springs forward on 29 March 2026 at 01:00 GMT: 07:30 BST is 06:30 UTC that day, 07:30 UTC the day before.
    [InlineData("Europe/London", 3, 28, 12, 7, 30, 3, 29, 6, 30)]
    [InlineData("Europe/London", 3, 27, 12, 7, 30, 3, 28, 7, 30)]
    // The spring-forward gap: 01:30 does not exist on 29 March; it is read before the jump, i.e. 02:30 BST.
    [InlineData("Europe/London", 3, 28, 12, 1, 30, 3, 29, 1, 30)]
    // Falls back on 25 October 2026 at 02:00 BST: 07:30 GMT is 07:30 UTC; 01:30 happens twice and is taken the first time (BST).
    [InlineData("Europe/London", 10, 24, 12, 7, 30, 10, 25, 7, 30)]
    [InlineData("Europe/London", 10, 24, 12, 1, 30, 10, 25, 0, 30)]
    // America/New_York springs forward on 8 March 2026 and falls back on 1 November 2026.
    [InlineData("America/New_York", 3, 7, 20, 7, 0, 3, 8, 11, 0)]
    [InlineData("America/New_York", 3, 6, 20, 7, 0, 3, 7, 12, 0)]
    [InlineData("America/New_York", 3, 7, 20, 2, 30, 3, 8, 7, 30)]
    [InlineData("America/New_York", 10, 31, 20, 7, 0, 11, 1, 12, 0)]
    [InlineData("America/New_York", 10, 31, 20, 1, 30, 11, 1, 5, 30)]
    // Asia/Shanghai keeps UTC+8 all year: 07:00 is 23:00 UTC the day before, on the western DST days too.
    [InlineData("Asia/Shanghai", 3, 28, 12, 7, 0, 3, 28, 23, 0)]
    [InlineData("Asia/Shanghai", 3, 7, 22, 7, 0, 3, 7, 23, 0)]
    public void The_picked_local_time_is_converted_with_that_days_rules(
        string zone, int nowMonth, int nowDay, int nowHour, int hour, int minute, int dueMonth, int dueDay, int dueHour, int dueMinute)
    {
        var due = CheckInSchedule.NextDue(Plan(zone, hour, minute, new DateOnly(2026, nowMonth, 1)), Utc(nowMonth, nowDay, nowHour), new QuietHours(new TimeOnly(0, 0), new TimeOnly(0, 0)));

        Assert.Equal(Utc(dueMonth, dueDay, dueHour, dueMinute), due);
    }

    [Fact]
    public void Never_more_than_one_a_day_even_when_the_time_is_moved_later_after_todays()
    {
        var plan = Plan("Europe/London", 7);
        plan.LastSentOn = new DateOnly(2026, 6, 2);
        plan.Minutes = 18 * 60;

        Assert.Equal(Utc(6, 3, 17), CheckInSchedule.NextDue(plan, Utc(6, 2, 9), QuietHours.Default));
    }

    [Fact]
    public void Snooze_skips_today_and_pause_skips_the_days_asked_for()
    {
        var snoozed = Plan("Asia/Shanghai", 8);
        snoozed.SnoozedOn = new DateOnly(2026, 6, 2);
        var paused = Plan("Asia/Shanghai", 8);
        paused.PausedUntil = new DateOnly(2026, 6, 4);

        Assert.Equal(Utc(6, 3, 0), CheckInSchedule.NextDue(snoozed, Utc(6, 1, 22), QuietHours.Default));
        Assert.Equal(Utc(6, 5, 0), CheckInSchedule.NextDue(paused, Utc(6, 1, 22), QuietHours.Default));
    }

    [Fact]
    public void A_time_in_quiet_hours_moves_to_their_end()
    {
        Assert.Equal(Utc(6, 3, 6), CheckInSchedule.NextDue(Plan("Europe/London", 5), Utc(6, 2, 9), QuietHours.Default));
        Assert.Equal(Utc(6, 2, 10), CheckInSchedule.NextDue(Plan("America/New_York", 23, 30), Utc(6, 2, 9), new QuietHours(new TimeOnly(23, 0), new TimeOnly(6, 0))));
    }

    [Fact]
    public void The_programme_ends_after_twelve_weeks()
    {
        var plan = Plan("UTC", 8, started: new DateOnly(2026, 1, 1));

        Assert.Equal(Utc(3, 25, 8), CheckInSchedule.NextDue(plan, Utc(3, 25, 7), QuietHours.Default));
        Assert.Null(CheckInSchedule.NextDue(plan, Utc(3, 25, 9), QuietHours.Default));
    }
}
