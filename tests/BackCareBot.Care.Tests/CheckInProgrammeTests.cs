using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;

namespace BackCareBot.Care.Tests;

/// <summary>The daily check-in over days, driven through the bot with its clock moved: opt in, commands, once a day, forget me.</summary>
public sealed class CheckInProgrammeTests
{
    /// <summary>To the check-in offer: the sleep questions, the assessment (pain 3), the exercise cards, then the two daily-life questions.</summary>
    private static readonly string[] ToOffer = ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3", "no", "no"];

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Opt_in_at_07_30_three_days_of_check_ins_then_stop_check_ins_sends_none()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes"]);
        Assert.Contains("Next check-in: 2026-11-25 07:30", (await bot.SayAsync("check-in at 7:30"))[0].Text, StringComparison.Ordinal);

        for (var day = 25; day <= 27; day++)
        {
            Assert.Empty(await bot.CheckInsDueAsync(Utc(day, 7, 29)));
            var greeting = await bot.CheckInsDueAsync(Utc(day, 7, 31));
            Assert.Contains("Good morning", greeting[0].Text, StringComparison.Ordinal);
            await bot.SubmitAsync(CheckInCard.Press(greeting[1].Cards[0], $"{28 - day}", Inputs("under30", "back", "yes")));
            await bot.SayAsync("no");
            Assert.Empty(await bot.CheckInsDueAsync(Utc(day, 23, 0)));
        }

        var progress = (await bot.SayAsync("my progress"))[0].Text;
        Assert.Contains("- 2026-11-25: 3/10, About the same\n- 2026-11-26: 2/10, Better\n- 2026-11-27: 1/10, Better", progress, StringComparison.Ordinal);
        Assert.Contains("from 3/10 to 1/10 over 3 check-ins", progress, StringComparison.Ordinal);
        Assert.Contains("Check-in diary (3 days)", (await bot.SayAsync("what do you know about me"))[0].Text, StringComparison.Ordinal);

        Assert.Contains("no more check-ins", (await bot.SayAsync("stop check-ins"))[0].Text, StringComparison.Ordinal);
        Assert.Null((await StateAsync(bot)).CheckInDue);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(28, 7, 31)));
        Assert.Empty(await bot.CheckInsDueAsync(Utc(30, 12, 0)));
    }

    [Fact]
    public async Task Chinese_commands_change_the_time_skip_today_and_stop()
    {
        var bot = new ConversationDriver(locale: "zh-CN");
        await bot.SayAllAsync([.. ToOffer, "yes"]);

        // 06:45 is in the quiet hours (21:00-07:00): the check-in moves to 07:00, and the reply says so.
        var moved = (await bot.SayAsync("每天早上6点45分提醒我"))[0].Text;
        Assert.Contains("2026-11-25 07:00", moved, StringComparison.Ordinal);
        Assert.Contains("免打扰", moved, StringComparison.Ordinal);
        bot.Clock.SetUtcNow(Utc(25, 5, 0));
        Assert.Contains("2026-11-26 07:00", (await bot.SayAsync("今天不用"))[0].Text, StringComparison.Ordinal);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(25, 23, 0)));
        Assert.Contains("还没有回答过签到", (await bot.SayAsync("我的进展"))[0].Text, StringComparison.Ordinal);
        Assert.Contains("不再签到", (await bot.SayAsync("停止签到"))[0].Text, StringComparison.Ordinal);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(26, 23, 0)));
    }

    [Theory]
    [InlineData("5", true)]
    [InlineData("8", true)]
    [InlineData("4", false)]
    public async Task A_pain_two_points_up_or_8_and_over_asks_the_warning_signs_again_before_any_exercise(string pain, bool recheck)
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes"]);
        var card = (await bot.CheckInsDueAsync(Utc(25, 8, 1)))[1].Cards[0];

        await bot.SubmitAsync(CheckInCard.Press(card, pain, Inputs("under30", "back", "yes")));
        var replies = await bot.SayAsync("no");

        var seen = string.Join("\n", replies.Select(r => r.Visible));
        Assert.Equal(recheck, seen.Contains("warning signs again", StringComparison.Ordinal));
        Assert.Equal(recheck, !replies.SelectMany(r => r.Exercises).Any());
    }

    [Fact]
    public async Task With_a_short_interval_setting_the_first_check_in_and_each_next_come_that_long_after_the_last()
    {
        var bot = new ConversationDriver(checkIns: new CheckInOptions { Every = TimeSpan.FromMinutes(2) });
        await bot.SayAllAsync([.. ToOffer, "yes"]);
        var optedIn = bot.Clock.GetUtcNow();

        // Tried by hand, the first check-in does not wait for tomorrow morning.
        Assert.Equal(optedIn + TimeSpan.FromMinutes(2), (await StateAsync(bot)).CheckInDue);
        // "Not today" keeps its calendar rule: nothing more today.
        await bot.SayAsync("not today");
        Assert.True((await StateAsync(bot)).CheckInDue!.Value.UtcDateTime.Date > optedIn.UtcDateTime.Date);
        await bot.SayAsync("check-in at 8");
        Assert.Equal(optedIn + TimeSpan.FromMinutes(2), (await StateAsync(bot)).CheckInDue);
        Assert.NotEmpty(await bot.CheckInsDueAsync(Utc(25, 8, 0)));
        Assert.Equal(Utc(25, 8, 2), (await StateAsync(bot)).CheckInDue);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(25, 8, 1)));
        Assert.NotEmpty(await bot.CheckInsDueAsync(Utc(25, 8, 2)));
    }

    [Fact]
    public async Task Check_ins_are_not_planned_before_the_safety_questions_and_assessment()
    {
        var bot = new ConversationDriver();

        var reply = await bot.SayAsync("check-in at 7");

        Assert.Contains("first check together", reply[0].Text, StringComparison.Ordinal);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(26, 12, 0)));
    }

    [Fact]
    public async Task A_repeated_check_in_event_starts_nothing_new()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes"]);
        Assert.NotEmpty(await bot.CheckInsDueAsync(Utc(25, 8, 1)));
        await bot.SayAsync("4");

        Assert.Empty(await bot.CheckInAsync());
        Assert.Equal("4", (await StateAsync(bot)).Dialog.Answers["checkin_pain"]);
    }

    [Fact]
    public async Task Typed_check_in_answers_in_peoples_words_fill_the_cards_questions()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes"]);
        Assert.NotEmpty(await bot.CheckInsDueAsync(Utc(25, 8, 1)));

        await bot.SayAllAsync("4", "an hour and a half today", "face down mostly");

        var answers = (await StateAsync(bot)).Dialog.Answers;
        Assert.Equal("over60", answers["checkin_stiffness"]);
        Assert.Equal("stomach", answers["checkin_slept"]);
    }

    [Theory]
    [InlineData("en-GB", "about 40 mins", "curled up on my side")]
    [InlineData("zh-CN", "四十分钟左右", "蜷着睡")]
    public async Task Typed_check_in_answers_are_read_with_the_first_checks_words_for_the_same_questions(string locale, string stiffness, string slept)
    {
        var bot = new ConversationDriver(locale: locale);
        await bot.SayAllAsync([.. ToOffer, "yes"]);
        Assert.NotEmpty(await bot.CheckInsDueAsync(Utc(25, 8, 1)));

        await bot.SayAllAsync("4", stiffness, slept);

        var answers = (await StateAsync(bot)).Dialog.Answers;
        Assert.Equal("30to60", answers["checkin_stiffness"]);
        Assert.Equal("side", answers["checkin_slept"]);
    }

    [Fact]
    public async Task The_planned_check_in_keeps_the_users_channel_id_but_not_their_name()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes"]);

        var state = await StateAsync(bot);
        Assert.Equal("user-1", state.CheckInReference!.User!.Id);
        Assert.Null(state.CheckInReference.User.Name);
        var stored = System.Text.Encoding.UTF8.GetString((await bot.Store.ReadAsync(bot.StateKey, default))!.Data);
        Assert.DoesNotContain("Test User", stored, StringComparison.Ordinal);
        Assert.NotEmpty(await bot.CheckInsDueAsync(Utc(25, 8, 1)));
    }

    [Fact]
    public async Task Forget_me_removes_the_planned_check_in_and_the_diary()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes"]);

        var card = (await bot.CheckInsDueAsync(Utc(25, 8, 1)))[1].Cards[0];
        await bot.SubmitAsync(CheckInCard.Press(card, "4", Inputs("under30", "back", "yes")));
        await bot.SayAsync("no");
        var progress = (await bot.SayAsync("my progress"))[0].Text;
        Assert.Contains("4/10", progress, StringComparison.Ordinal);
        // One check-in is no trend: it is said as one.
        Assert.Contains("One check-in so far, with pain at 4/10.", progress, StringComparison.Ordinal);
        Assert.DoesNotContain("over 1 check-ins", progress, StringComparison.Ordinal);

        await bot.SayAllAsync("forget me", "yes");

        Assert.DoesNotContain("4/10", (await bot.SayAsync("my progress"))[0].Text, StringComparison.Ordinal);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(26, 8, 1)));
        Assert.Empty(await bot.CheckInsDueAsync(Utc(28, 8, 1)));
    }

    [Theory]
    [InlineData("en-GB", "please see your GP or a physiotherapist")]
    [InlineData("en-US", "please see a doctor or a physiotherapist")]
    public async Task At_the_end_of_the_12_weeks_the_last_message_names_the_users_own_service_and_no_more_check_ins_come(string locale, string service)
    {
        var bot = new ConversationDriver(locale: locale);
        await bot.SayAllAsync([.. ToOffer, "yes"]);

        var ended = string.Join("\n", (await bot.CheckInsDueAsync(new DateTimeOffset(2027, 3, 1, 8, 1, 0, TimeSpan.Zero))).Select(r => r.Text));

        Assert.Contains("end of your 12-week programme", ended, StringComparison.Ordinal);
        Assert.Contains(service, ended, StringComparison.Ordinal);
        Assert.DoesNotContain("{gp}", ended, StringComparison.Ordinal);
        Assert.Null((await StateAsync(bot)).CheckInDue);
        Assert.Empty(await bot.CheckInsDueAsync(new DateTimeOffset(2027, 3, 2, 8, 1, 0, TimeSpan.Zero)));
        Assert.Contains($"Country, for the numbers to call at check-ins: {locale[3..]}", (await bot.SayAsync("what do you know about me"))[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_users_own_time_zone_is_taken_from_the_activity()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(ToOffer);
        var reply = await bot.SendAsync(new Protocol.Schema.Activity { Type = Protocol.Schema.ActivityTypes.Message, Text = "yes", LocalTimezone = "America/New_York" });

        Assert.Contains("2026-11-25 08:00 (America/New_York)", reply[0].Text, StringComparison.Ordinal);
        Assert.Equal(Utc(25, 13), (await StateAsync(bot)).CheckInDue);
    }

    private static JsonObject Inputs(string stiffness, string slept, string exercised) =>
        new() { ["stiffness"] = stiffness, ["slept"] = slept, ["exercised"] = exercised };

    private static async Task<CareState> StateAsync(ConversationDriver bot)
    {
        var stored = await bot.Store.ReadAsync($"conversation/{bot.ChannelId}/{bot.ConversationId}", default);
        return JsonSerializer.Deserialize(stored!.Data, CareStateJsonContext.Default.CareState)!;
    }
}
