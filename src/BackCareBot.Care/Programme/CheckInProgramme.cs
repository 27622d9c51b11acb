using System.Globalization;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Programme;

/// <summary>
/// The daily check-in over the programme's weeks: opting in (at the picked local time, in the user's zone), the
/// typed commands that change it, and the proactive "checkin" event, which starts today's check-in once — a
/// repeated event (another instance, a retry) starts nothing new, and a retry after a failed send re-sends only
/// a check-in nobody has answered yet.
/// </summary>
internal sealed class CheckInProgramme(CareTexts texts, CheckInOptions options, TimeProvider time)
{
    public const string Flow = "checkin";
    private const string AssessedStep = "pain_now";

    /// <summary>Opts in, or moves the time (minutes after local midnight; null keeps it, or 08:00 for a new plan).</summary>
    public string Plan(CareTurn care, int? minutes)
    {
        var now = time.GetUtcNow();
        var started = care.State.CheckIn is null;
        var plan = care.State.CheckIn ??= new CheckInPlan { TimeZone = TimeZoneOf(care.Activity), ZoneGuessed = CheckInZones.Named(care.Activity) is null };
        if (started)
        {
            plan.StartedOn = CheckInSchedule.LocalDate(plan, now);
        }

        plan.Minutes = minutes ?? plan.Minutes;
        plan.SnoozedOn = null;
        plan.PausedUntil = null;
        // A check-in turn's activity carries only the resolved language, not the region or client info: the country
        // the user is in now is kept, so a check-in names the same numbers and services as this conversation.
        care.State.Country ??= care.Country;
        var reference = care.Activity.GetConversationReference();
        reference.Locale = care.Locale;
        // A check-in needs the user's channel id only: their name and directory ids are not kept (less stored about
        // them, and a long display name does not grow the state).
        reference.User = reference.User is { } user ? new ChannelAccount { Id = user.Id, Role = user.Role } : null;
        reference.Bot = reference.Bot is { } bot ? new ChannelAccount { Id = bot.Id, Role = bot.Role } : null;
        // The conversation's id is the state's key already (put back when the check-in is planned in the index).
        reference.Conversation = reference.Conversation is { } conversation
            ? new ConversationAccount { ConversationType = conversation.ConversationType, TenantId = conversation.TenantId }
            : null;
        reference.ActivityId = null;
        care.State.CheckInReference = reference;
        Replan(care, now);
        var picked = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(plan.Minutes));
        var text = Next(care, started ? "programme.planned" : "programme.moved");
        return options.Quiet.Contains(picked) ? $"{text}\n\n{T(care, "programme.quiet")}" : text;
    }

    /// <summary>A typed check-in command; null when the text is not one.</summary>
    public string? Command(CareTurn care, string? text) => CheckInCommand.Parse(text) is { Kind: not CheckInCommandKind.None } command ? Run(care, command) : null;

    /// <summary>Runs a check-in command, typed or pressed on a check-in card; the reply to say.</summary>
    public string Run(CareTurn care, CheckInCommand command)
    {
        if (command.Kind == CheckInCommandKind.At)
        {
            // Check-ins follow the warning-sign screen and the assessment, never replace them.
            return care.State.Dialog.Answers.ContainsKey(AssessedStep) || care.State.CheckIn is not null
                ? Plan(care, command.Minutes)
                : T(care, "programme.assess_first");
        }

        if (care.State.CheckIn is not { } plan)
        {
            return T(care, "programme.none");
        }

        var now = time.GetUtcNow();
        switch (command.Kind)
        {
            case CheckInCommandKind.Progress:
                return Progress(care, plan);
            case CheckInCommandKind.Stop:
                Stop(care);
                return T(care, "programme.stopped");
            case CheckInCommandKind.Zone when command.Zone is { } zone:
                plan.TimeZone = zone;
                plan.ZoneGuessed = false;
                Replan(care, now);
                return Next(care, "programme.zone_set");
            case CheckInCommandKind.Zone:
                return T(care, "programme.zone_unknown");
            case CheckInCommandKind.Change:
                return Next(care, "programme.change");
            case CheckInCommandKind.Snooze:
                plan.SnoozedOn = CheckInSchedule.LocalDate(plan, now);
                Replan(care, now);
                return Next(care, "programme.snoozed");
            default:
                plan.PausedUntil = CheckInSchedule.LocalDate(plan, now).AddDays(command.Days - 1);
                Replan(care, now);
                return Next(care, "programme.paused");
        }
    }

    /// <summary>The scheduler's event: true when today's check-in was started (greeting sent, first question asked).</summary>
    public async Task<bool> OnEventAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var care = dc.Turn;
        var now = time.GetUtcNow();
        if (care.State.CheckIn is not { } plan || care.State.CheckInReference is null)
        {
            return false;
        }

        if (care.State.CheckInDue is { } due && due <= now)
        {
            plan.LastSentOn = CheckInSchedule.LocalDate(plan, now);
            plan.SnoozedOn = null;
            Replan(care, now);
            if (care.State.CheckInDue is null)
            {
                // The programme's weeks are over: it says so once and plans nothing more.
                care.Say(texts.Fill(care, T(care, "programme.ended")));
                Stop(care);
                return false;
            }
        }
        else
        {
            // Not due: a repeated event, or the scheduler's retry of a check-in whose replies were stored with its
            // turn; those are delivered from the store (by the retry itself, a sweep or the next activity), never
            // made again, so a check-in that was seen is not sent twice.
            return false;
        }

        dc.CancelAll();
        // A new run: a card of an earlier check-in (or of the first check) is no longer taken as today's answer.
        dc.State.Run = null;
        foreach (var key in dc.State.Answers.Keys.Where(k => k.StartsWith("checkin_", StringComparison.Ordinal)).ToList())
        {
            dc.State.Answers.Remove(key);
        }

        care.Say(T(care, "checkin.greeting"));
        await dc.BeginDialogAsync(Flow, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Today's answers go into the diary (the check-in flow's last step).</summary>
    public void Record(CareTurn care, int pain, string compared, string? stiffness, string? slept, string? exercised)
    {
        if (care.State.CheckIn is { } plan)
        {
            PainDiary.Record(plan, CheckInSchedule.LocalDate(plan, time.GetUtcNow()), pain, compared, stiffness, slept, exercised);
        }
    }

    /// <summary>The diary line of "what do you know about me"; null without a plan.</summary>
    public string? Summary(CareTurn care) => care.State.CheckIn is { } plan
        ? texts.T(care, "programme.summary", "days", PainDiary.Days(plan).Count.ToString(CultureInfo.InvariantCulture))
            + "\n" + string.Join("\n", PainDiary.Lines(PainDiary.Days(plan), c => T(care, $"choice.checkin_how.{c}")).Select(l => "  - " + l))
        : null;

    public static void Stop(CareTurn care)
    {
        care.State.CheckIn = null;
        care.State.CheckInDue = null;
        care.State.CheckInReference = null;
    }

    /// <summary>The activity's IANA zone (Teams: clientInfo timezone; Web Chat: localTimezone), else the whole-hour offset of its local time.</summary>
    public static string TimeZoneOf(Activity activity)
    {
        var named = activity.LocalTimezone ?? activity.Entities?.Find(e => e.Type == "clientInfo")?.GetString("timezone");
        if (CheckInSchedule.IsKnownZone(named))
        {
            return named!;
        }

        if (DateTimeOffset.TryParse(activity.LocalTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Offset.Minutes == 0 && local.Offset != TimeSpan.Zero)
        {
            // IANA's fixed-offset zones count the other way: UTC+8 is Etc/GMT-8.
            return $"Etc/GMT{(local.Offset.Hours > 0 ? "-" : "+")}{Math.Abs(local.Offset.Hours)}";
        }

        return "UTC";
    }

    /// <summary>"my progress": the last 14 check-ins, oldest first, and the change in pain since the first of them.</summary>
    private string Progress(CareTurn care, CheckInPlan plan)
    {
        var days = PainDiary.Days(plan).TakeLast(14).ToList();
        if (days.Count == 0)
        {
            return Next(care, "programme.progress_empty");
        }

        var lines = PainDiary.Lines(days, c => T(care, $"choice.checkin_how.{c}"));
        var trend = texts.T(care, days.Count == 1 ? "programme.progress_one" : "programme.progress_trend", "first", days[0].Pain.ToString(CultureInfo.InvariantCulture))
            .Replace("{last}", days[^1].Pain.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{count}", days.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return $"{T(care, "programme.progress")}\n\n{string.Join("\n", lines.Select(l => "- " + l))}\n\n{trend}";
    }

    private void Replan(CareTurn care, DateTimeOffset now)
    {
        var plan = care.State.CheckIn!;
        // Tried by hand (CheckIn:Every): every check-in, the first one too, comes that long after the last plan or
        // send, unless today is skipped or paused, which keep their calendar rules so they can be tried as well.
        var skipped = plan.SnoozedOn is not null || plan.PausedUntil >= CheckInSchedule.LocalDate(plan, now);
        care.State.CheckInDue = options.Every is { } every && !skipped
            ? now + every
            : CheckInSchedule.NextDue(plan, now, options.Quiet);
    }

    private string Next(CareTurn care, string key)
    {
        var plan = care.State.CheckIn!;
        var next = care.State.CheckInDue is { } due
            ? TimeZoneInfo.ConvertTime(due, CheckInSchedule.Zone(plan.TimeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({plan.TimeZone})"
            : T(care, "programme.no_next");
        return texts.T(care, key, "time", next);
    }

    private string T(CareTurn care, string key) => texts.T(care, key);
}
