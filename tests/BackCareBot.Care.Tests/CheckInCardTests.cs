using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Tests;

/// <summary>
/// The check-in cards through the bot: the time card at opt-in (a quick time, a picked time, the zone asked once
/// when the channel gives none), the one-card check-in (one tap on the pain score sends the drop-downs with it) and
/// its footer (not today, pause, change time, stop), on Teams (Action.Execute invokes) and Web Chat (Action.Submit).
/// </summary>
public sealed class CheckInCardTests
{
    /// <summary>To the check-in offer (pain 3 in the first check), as in <see cref="CheckInProgrammeTests"/>.</summary>
    private static readonly string[] ToOffer = ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3", "no", "no"];

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task On_teams_one_tap_on_07_30_of_the_time_card_moves_the_check_in_and_the_card_gives_way_to_the_time()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        await bot.SayAllAsync(ToOffer);
        var opted = await bot.SendAsync(new Activity { Type = ActivityTypes.Message, Text = "yes", LocalTimezone = "Europe/London" });
        var timeCard = opted.SelectMany(r => r.Cards).Single();
        Assert.DoesNotContain("zone", CheckInCard.InputsOf(timeCard).Keys);
        Assert.Equal("08:00", CheckInCard.InputsOf(timeCard)["time"]["value"]!.GetValue<string>());

        var replies = await bot.SendAsync(CheckInCard.Execute(timeCard, "07:30"));

        Assert.Contains("Next check-in: 2026-11-25 07:30 (Europe/London)", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Daily check-in at 07:30 (Europe/London)", bot.LastInvoke!.Body!.Value.GetRawText(), StringComparison.Ordinal);
        // The open question (the quiz offer) is asked again below.
        Assert.Contains("quiz", replies[^1].Visible, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Utc(25, 7, 30), (await StateAsync(bot)).CheckInDue);
    }

    [Fact]
    public async Task Without_a_zone_from_the_channel_the_card_asks_for_it_once_and_a_typed_city_with_a_picked_time_sets_both()
    {
        var bot = new ConversationDriver(locale: "en-US");
        var opted = await bot.SayAllAsync([.. ToOffer, "yes"]);
        var timeCard = opted.SelectMany(r => r.Cards).Single();
        var zone = CheckInCard.InputsOf(timeCard)["zone"];
        Assert.Equal("America/New_York", zone["choices"]![0]!["value"]!.GetValue<string>());

        await bot.SubmitAsync(CheckInCard.Press(timeCard, "Set", new JsonObject { ["zoneText"] = "new york", ["time"] = "06:45", ["zone"] = "" }));

        var plan = (await StateAsync(bot)).CheckIn!;
        Assert.Equal("America/New_York", plan.TimeZone);
        // 06:45 is in the quiet hours: 07:00 New York time, 12:00 UTC in November.
        Assert.Equal(Utc(25, 12), (await StateAsync(bot)).CheckInDue);
        var again = await bot.SayAsync("change check-in time");
        Assert.Contains("Pick a new time", again[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("zone", CheckInCard.InputsOf(again.SelectMany(r => r.Cards).First()).Keys);
    }

    [Theory]
    [InlineData("en-GB", "time zone UTC+8", "Etc/GMT-8", "Next check-in: 2026-11-25 08:00 (Etc/GMT-8)")]
    [InlineData("en-GB", "my time zone is Asia/Kolkata", "Asia/Kolkata", "Next check-in: 2026-11-25 08:00 (Asia/Kolkata)")]
    [InlineData("zh-CN", "时区 上海", "Asia/Shanghai", "下次签到：2026-11-25 08:00 (Asia/Shanghai)")]
    public async Task A_typed_time_zone_moves_the_check_in_to_that_zone(string locale, string typed, string zone, string next)
    {
        var bot = new ConversationDriver(locale: locale);
        await bot.SayAllAsync([.. ToOffer, "yes"]);

        var reply = await bot.SayAsync(typed);

        Assert.Contains(next, reply[0].Text, StringComparison.Ordinal);
        Assert.Equal(zone, (await StateAsync(bot)).CheckIn!.TimeZone);
        Assert.False((await StateAsync(bot)).CheckIn!.ZoneGuessed);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_not_taken()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes"]);

        var reply = await bot.SayAsync("time zone Atlantis");

        Assert.Contains("I don't know that time zone", reply[0].Text, StringComparison.Ordinal);
        Assert.Equal("UTC", (await StateAsync(bot)).CheckIn!.TimeZone);
    }

    [Theory]
    [InlineData("msteams")]
    [InlineData("webchat")]
    public async Task One_tap_on_the_pain_score_sends_the_whole_card_and_every_answer_goes_into_the_diary(string channel)
    {
        var bot = new ConversationDriver(channelId: channel);
        await bot.SayAllAsync([.. ToOffer, "yes", "no"]);
        var card = (await bot.CheckInsDueAsync(Utc(25, 8, 1))).SelectMany(r => r.Cards).Single();
        // Stiffness and position are filled in from the first check's answers; the exercises are left to the user.
        var inputs = CheckInCard.InputsOf(card);
        Assert.Equal("under30", inputs["stiffness"]["value"]!.GetValue<string>());
        Assert.Equal("back", inputs["slept"]["value"]!.GetValue<string>());
        Assert.Null(inputs["exercised"]["value"]);

        var answers = new JsonObject { ["stiffness"] = "30to60", ["slept"] = "side", ["exercised"] = "some" };
        var replies = channel == "msteams"
            ? await bot.SendAsync(CheckInCard.Execute(card, "2", answers))
            : await bot.SubmitAsync(CheckInCard.Press(card, "2", answers));

        // The next question is the new-warning-signs one: nothing else on the card is asked again.
        Assert.Contains("Any new numbness", replies[^1].Visible, StringComparison.Ordinal);
        if (channel == "msteams")
        {
            Assert.Contains("Pain 2/10 · 30 to 60 minutes · On my side · Some of them", JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!["value"]!.ToJsonString(Unescaped), StringComparison.Ordinal);
        }

        var plan = await bot.SayAsync("no");
        Assert.NotEmpty(plan.SelectMany(r => r.Exercises));
        var day = PainDiary.Days((await StateAsync(bot)).CheckIn!).Single();
        Assert.Equal(new DiaryDay(new DateOnly(2026, 11, 25), 2, "better", "30to60", "side", "some"), day);
    }

    [Fact]
    public async Task Typed_the_check_in_asks_its_questions_one_by_one_and_records_them()
    {
        var bot = new ConversationDriver(locale: "zh-CN");
        await bot.SayAllAsync([.. ToOffer, "yes", "no"]);
        await bot.CheckInsDueAsync(Utc(25, 8, 1));

        Assert.Contains("僵硬", (await bot.SayAsync("3"))[^1].Visible, StringComparison.Ordinal);
        Assert.Contains("怎么睡", (await bot.SayAsync("不到30分钟"))[^1].Visible, StringComparison.Ordinal);
        Assert.Contains("练习", (await bot.SayAsync("侧睡"))[^1].Visible, StringComparison.Ordinal);
        await bot.SayAllAsync("没做", "没有");

        Assert.Equal(new DiaryDay(new DateOnly(2026, 11, 25), 3, "same", "under30", "side", "no"), PainDiary.Days((await StateAsync(bot)).CheckIn!).Single());
    }

    [Fact]
    public async Task Not_today_on_the_check_in_card_ends_todays_check_in_and_the_next_comes_tomorrow()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes", "no"]);
        var card = (await bot.CheckInsDueAsync(Utc(25, 8, 1))).SelectMany(r => r.Cards).Single();

        var replies = await bot.SubmitAsync(CheckInCard.Press(card, "Not today"));

        Assert.Contains("no check-in today. Next check-in: 2026-11-26 08:00", replies[0].Text, StringComparison.Ordinal);
        var state = await StateAsync(bot);
        Assert.Empty(state.Dialog.Stack);
        Assert.Equal(Utc(26, 8), state.CheckInDue);
        // The pressed card is out of date now: its pain buttons answer nothing.
        await bot.SubmitAsync(CheckInCard.Press(card, "4", []));
        Assert.Empty(PainDiary.Days((await StateAsync(bot)).CheckIn!));
    }

    [Fact]
    public async Task Pause_with_the_days_picked_change_time_and_stop_on_the_check_in_card_work_as_the_typed_commands()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        await bot.SayAllAsync([.. ToOffer, "yes", "no"]);
        var card = (await bot.CheckInsDueAsync(Utc(25, 8, 1))).SelectMany(r => r.Cards).Single();

        var changed = await bot.SendAsync(CheckInCard.Execute(card, "Change time"));
        Assert.Contains("Pick a new time", changed[0].Text, StringComparison.Ordinal);
        Assert.NotNull(CheckInCard.Find(changed.SelectMany(r => r.Cards).First(), "07:30"));

        var paused = await bot.SendAsync(CheckInCard.Execute(card, "Pause", new JsonObject { ["days"] = "3" }));
        Assert.Contains("paused. Next check-in: 2026-11-28 08:00", paused[0].Text, StringComparison.Ordinal);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(27, 12)));

        var stopped = await bot.SendAsync(CheckInCard.Execute(card, "Stop"));
        Assert.Contains("no more check-ins", stopped[0].Text, StringComparison.Ordinal);
        Assert.Null((await StateAsync(bot)).CheckIn);
        Assert.Empty(await bot.CheckInsDueAsync(Utc(30, 12)));

        // A press once the plan is gone changes nothing.
        await bot.SendAsync(CheckInCard.Execute(card, "Not today"));
        Assert.Contains("Already answered", bot.LastInvoke!.Body!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Null((await StateAsync(bot)).CheckIn);
    }

    [Fact]
    public async Task A_card_pain_score_that_rose_two_points_asks_the_warning_signs_again_before_any_exercise()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToOffer, "yes", "no"]);
        var card = (await bot.CheckInsDueAsync(Utc(25, 8, 1))).SelectMany(r => r.Cards).Single();

        await bot.SubmitAsync(CheckInCard.Press(card, "5", new JsonObject { ["stiffness"] = "under30", ["slept"] = "back", ["exercised"] = "yes" }));
        var replies = await bot.SayAsync("no");

        Assert.Contains("warning signs again", string.Join("\n", replies.Select(r => r.Visible)), StringComparison.Ordinal);
        Assert.Empty(replies.SelectMany(r => r.Exercises));
    }

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<CareState> StateAsync(ConversationDriver bot)
    {
        var stored = await bot.Store.ReadAsync(bot.StateKey, default);
        return JsonSerializer.Deserialize(stored!.Data, CareStateJsonContext.Default.CareState)!;
    }
}
