using System.Globalization;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"schedule_checkin": a check-in at 08:00 the next morning in the user's own time zone.</summary>
internal sealed class ScheduleCheckInAction(CareTexts texts, TimeProvider time) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        turn.State.CheckInDue = NextMorning(time.GetUtcNow(), turn.Activity.LocalTimestamp);
        turn.State.CheckInReference = turn.Activity.GetConversationReference();
        turn.State.CheckInReference.Locale = turn.Locale;
        turn.Say(texts.T(turn, "checkin.scheduled"));
        return Task.FromResult(true);
    }

    /// <summary>08:00 tomorrow at the offset of the user's local timestamp (UTC without one), as a UTC time.</summary>
    public static DateTimeOffset NextMorning(DateTimeOffset now, string? localTimestamp)
    {
        var offset = DateTimeOffset.TryParse(localTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local.Offset : TimeSpan.Zero;
        var localNow = now.ToOffset(offset);
        return new DateTimeOffset(localNow.Date.AddDays(1).AddHours(8), offset).ToUniversalTime();
    }
}
