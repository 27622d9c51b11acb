using BackCareBot.Care.Programme;

namespace BackCareBot.Care.Tests;

public sealed class CheckInCommandTests
{
    [Theory]
    [InlineData("check-in at 7", 7 * 60)]
    [InlineData("Check in at 7:30", (7 * 60) + 30)]
    [InlineData("checkin at 6.45am", (6 * 60) + 45)]
    [InlineData("check-ins at 8 pm", 20 * 60)]
    [InlineData("change my check-in time to 9", 9 * 60)]
    [InlineData("remind me every day at 12 am", 0)]
    [InlineData("7点签到", 7 * 60)]
    [InlineData("每天早上七点半提醒我", (7 * 60) + 30)]
    [InlineData("签到时间改为 8点15分 签到", (8 * 60) + 15)]
    [InlineData("晚上八点签到", 20 * 60)]
    public void A_time_is_read_in_both_languages(string text, int minutes)
    {
        Assert.Equal(new CheckInCommand(CheckInCommandKind.At, Minutes: minutes), CheckInCommand.Parse(text));
    }

    [Theory]
    [InlineData("stop check-ins", CheckInCommandKind.Stop, 0)]
    [InlineData("Stop check-ins!", CheckInCommandKind.Stop, 0)]
    [InlineData("停止签到", CheckInCommandKind.Stop, 0)]
    [InlineData("不要再提醒我", CheckInCommandKind.Stop, 0)]
    [InlineData("not today", CheckInCommandKind.Snooze, 0)]
    [InlineData("今天不用", CheckInCommandKind.Snooze, 0)]
    [InlineData("pause check-ins", CheckInCommandKind.Pause, 7)]
    [InlineData("pause check-ins for 3 days", CheckInCommandKind.Pause, 3)]
    [InlineData("暂停签到三天", CheckInCommandKind.Pause, 3)]
    [InlineData("My progress?", CheckInCommandKind.Progress, 0)]
    [InlineData("我的进展", CheckInCommandKind.Progress, 0)]
    public void Stop_snooze_and_pause_in_both_languages(string text, CheckInCommandKind kind, int days)
    {
        Assert.Equal(new CheckInCommand(kind, Days: days), CheckInCommand.Parse(text));
    }

    [Theory]
    [InlineData("check-in at 25")]
    [InlineData("check-in at 7:75")]
    [InlineData("stop")]
    [InlineData("7")]
    [InlineData("I check in at the hotel at 7")]
    [InlineData("pause check-ins for 99 days")]
    public void Other_text_is_not_a_check_in_command(string text)
    {
        Assert.Equal(CheckInCommandKind.None, CheckInCommand.Parse(text).Kind);
    }
}
