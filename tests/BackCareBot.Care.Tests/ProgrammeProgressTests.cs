using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.State;

namespace BackCareBot.Care.Tests;

/// <summary>
/// The programme over days and weeks, through the bot with its clock moved: the plan moves up after days of
/// exercises done with nothing hurting and down after a worse day or "It hurts", the weekly summary card, and the
/// advice to see someone when the pain has not come down (programme.json).
/// </summary>
public sealed class ProgrammeProgressTests
{
    /// <summary>
    /// To the check-in offer, as in <see cref="CheckInProgrammeTests"/>, with the first check's pain score
    /// (<paramref name="pain"/>) before the daily-life questions. "Compared with yesterday" is read from the pain
    /// scores (<see cref="Programme.CheckInComparison"/>): a check-in pain above the last one is a worse day, below it a
    /// better one; a rise of 2 asks the warning-sign questions again first, so the pains here move a point at a time.
    /// </summary>
    private static string[] ToOffer(int pain) => ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", pain.ToString(CultureInfo.InvariantCulture), "no", "no"];

    /// <summary>Programme day n at 08:01 UTC: the user opted in on 2026-11-24 (day 0), check-ins come at 08:00 from day 1.</summary>
    private static DateTimeOffset Morning(int day) => new DateTimeOffset(2026, 11, 24, 8, 1, 0, TimeSpan.Zero).AddDays(day);

    private static async Task<ConversationDriver> OptedInAsync(string locale = "en-GB", int pain = 3, string? conversationId = null)
    {
        var bot = new ConversationDriver(locale: locale, conversationId: conversationId);
        await bot.SayAllAsync([.. ToOffer(pain), "yes"]);
        return bot;
    }

    /// <summary>
    /// Day n's check-in answered as a user does: on the check-in card, stiffness under 30 minutes, slept on the back,
    /// <paramref name="exercised"/> for yesterday's exercises, one tap on the pain score; then no new warning signs.
    /// Every reply of it.
    /// </summary>
    private static async Task<List<BotReply>> CheckInAsync(ConversationDriver bot, int day, int pain, string exercised = "yes")
    {
        var replies = new List<BotReply>(await bot.CheckInsDueAsync(Morning(day)));
        Assert.Contains(replies, r => r.Text?.Contains("Good morning", StringComparison.Ordinal) == true || r.Text?.Contains("早上好", StringComparison.Ordinal) == true);
        var card = replies.SelectMany(r => r.Cards).Single(c => CheckInCard.InputsOf(c).ContainsKey("exercised"));
        var inputs = new JsonObject { ["stiffness"] = "under30", ["slept"] = "back", ["exercised"] = exercised };
        replies.AddRange(await bot.SubmitAsync(CheckInCard.Press(card, pain.ToString(CultureInfo.InvariantCulture), inputs)));
        replies.AddRange(await bot.SayAsync("no"));
        return replies;
    }

    private static string Said(IEnumerable<BotReply> replies) => string.Join("\n", replies.Select(r => r.Visible));

    /// <summary>Each exercise card's id and repeats ("7 times, hold 5 s, ..." -> 7).</summary>
    private static Dictionary<string, int> Reps(IEnumerable<BotReply> replies) =>
        replies.SelectMany(r => r.Cards).Where(c => Feedback(c, "exercise.done") is not null).ToDictionary(
            c => Feedback(c, "exercise.done")!["exercise"]!.GetValue<string>(),
            c => int.Parse(c["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]![0]!["value"]!.GetValue<string>().Split(' ')[0], CultureInfo.InvariantCulture));

    private static JsonObject? Feedback(JsonObject card, string verb) =>
        card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").SelectMany(s => s!["actions"]!.AsArray())
            .Where(a => a!["data"]?["verb"]?.GetValue<string>() == verb).Select(a => a!["data"]!.DeepClone().AsObject()).FirstOrDefault();

    private static Task<IReadOnlyList<BotReply>> PressAsync(ConversationDriver bot, IEnumerable<BotReply> replies, int card, string verb) =>
        bot.SubmitAsync(replies.SelectMany(r => r.Cards).Select(c => Feedback(c, verb)).OfType<JsonObject>().ElementAt(card));

    /// <summary>The words of the weekly summary card among the replies ("title: value" for its facts), or null.</summary>
    private static string? Weekly(IEnumerable<BotReply> replies) =>
        replies.SelectMany(r => r.Cards).Where(c => c["body"]![0]!["text"]!.GetValue<string>() is "Your week" or "你的一周").Select(Words).FirstOrDefault();

    private static string Words(JsonNode? node) => node switch
    {
        JsonObject { } o when o["title"] is JsonValue title && o["value"] is JsonValue value => $"{title}: {value}",
        JsonObject o => string.Join("\n", o.Where(p => p.Key != "type").Select(p => p.Key == "text" && p.Value is JsonValue v ? v.ToString() : Words(p.Value)).Where(w => w.Length > 0)),
        JsonArray a => string.Join("\n", a.Select(Words).Where(w => w.Length > 0)),
        _ => "",
    };

    private static async Task<CareState> StateAsync(ConversationDriver bot)
    {
        var stored = await bot.Store.ReadAsync(bot.StateKey, default);
        return JsonSerializer.Deserialize(stored!.Data, CareStateJsonContext.Default.CareState)!;
    }

    [Fact]
    public async Task Three_days_of_exercises_done_with_nothing_hurting_add_repeats_to_every_card_and_the_check_in_says_why()
    {
        // The pain stays at 2, as at the first check: every day is "about the same".
        var bot = await OptedInAsync(pain: 2);
        Dictionary<string, int> before = [];
        for (var day = 1; day <= 3; day++)
        {
            var replies = await CheckInAsync(bot, day, 2);
            Assert.DoesNotContain("nothing hurting", Said(replies), StringComparison.Ordinal);
            before = Reps(replies);
            // A different card each day: no exercise gets three "Done" of its own, so only the plan's step can add repeats.
            Assert.Contains("Well done", (await PressAsync(bot, replies, day - 1, "exercise.done"))[0].Text, StringComparison.Ordinal);
        }

        // Day 4's check-in says day 3's exercises were done: they count for day 3 (already "Done"), not for day 4.
        var fourth = await CheckInAsync(bot, 4, 2);

        Assert.Contains("You did your exercises with nothing hurting on 3 of the last 4 days, so today's cards have 2 more repeats.", Said(fourth), StringComparison.Ordinal);
        var after = Reps(fourth);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        // Every exercise at the standard dose gets 2 more; the last card was never pressed.
        Assert.All(after, a => Assert.Equal(before[a.Key] + 2, a.Value));
        Assert.Equal(1, (await StateAsync(bot)).Progress.StepsUp);

        // The next step needs 3 more good days after this one: the fifth day says nothing new.
        Assert.DoesNotContain("nothing hurting", Said(await CheckInAsync(bot, 5, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_in_answer_on_exercises_counts_for_yesterday_the_day_they_were_done()
    {
        // No card is pressed: only the check-ins' "did you do your exercises yesterday?" tells. Days 1 to 3 say days
        // 0 to 2 were done, day 4 says day 3's were not: of programme days 1-4 only days 1 and 2 are known done.
        var bot = await OptedInAsync(pain: 2);
        foreach (var (day, exercised) in new[] { (1, "yes"), (2, "yes"), (3, "yes"), (4, "no") })
        {
            Assert.DoesNotContain("nothing hurting", Said(await CheckInAsync(bot, day, 2, exercised)), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await StateAsync(bot)).Progress.StepsUp);

        // Days 5 to 7 say days 4 to 6 were done: days 4, 5 and 6 of the last 4 (4-7).
        Assert.DoesNotContain("nothing hurting", Said(await CheckInAsync(bot, 5, 2)), StringComparison.Ordinal);
        Assert.DoesNotContain("nothing hurting", Said(await CheckInAsync(bot, 6, 2)), StringComparison.Ordinal);
        Assert.Contains("You did your exercises with nothing hurting on 3 of the last 4 days", Said(await CheckInAsync(bot, 7, 2)), StringComparison.Ordinal);
        Assert.Equal(1, (await StateAsync(bot)).Progress.StepsUp);
    }

    [Fact]
    public async Task A_day_an_exercise_hurt_does_not_count_and_the_next_check_in_says_the_plan_stayed_easier()
    {
        var bot = await OptedInAsync(pain: 2);
        await PressAsync(bot, await CheckInAsync(bot, 1, 2), 0, "exercise.done");
        await PressAsync(bot, await CheckInAsync(bot, 2, 2), 1, "exercise.hurts");

        var third = await CheckInAsync(bot, 3, 2);
        Assert.Contains("Because an exercise hurt or felt too hard last time, today's plan stays easier.", Said(third), StringComparison.Ordinal);
        await PressAsync(bot, third, 0, "exercise.done");
        await PressAsync(bot, await CheckInAsync(bot, 4, 2), 1, "exercise.done");

        // Days 1, 3 and 4 had exercises done, but the plan eased on day 3: only days 3 and 4 count so far (day 5's
        // check-in says day 4's were done; day 5's own are not done yet).
        var fifth = Said(await CheckInAsync(bot, 5, 2));
        Assert.DoesNotContain("nothing hurting", fifth, StringComparison.Ordinal);
        Assert.DoesNotContain("stays easier", fifth, StringComparison.Ordinal);
        Assert.Equal(1, (await StateAsync(bot)).DoseStepBack);
    }

    [Fact]
    public async Task A_worse_day_steps_the_plan_back_and_three_good_days_after_it_step_it_up_again()
    {
        // 2 at the first check, 3 on day 1: a worse day (one point up, not enough to ask the warning signs again),
        // in the same dose band (0-3), so only the step back makes day 1's cards gentler.
        var bot = await OptedInAsync(pain: 2);
        var worse = await CheckInAsync(bot, 1, 3);
        Assert.Contains("step back to gentler versions", Said(worse), StringComparison.Ordinal);
        var gentle = Reps(worse);
        Assert.Equal(1, (await StateAsync(bot)).DoseStepBack);
        for (var day = 2; day <= 4; day++)
        {
            await PressAsync(bot, await CheckInAsync(bot, day, 2), day - 2, "exercise.done");
        }

        var fifth = await CheckInAsync(bot, 5, 2);

        Assert.Contains("so today's plan moves back up a step from the gentler one", Said(fifth), StringComparison.Ordinal);
        Assert.Equal(0, (await StateAsync(bot)).DoseStepBack);
        Assert.NotEqual(gentle.OrderBy(g => g.Key), Reps(fifth).OrderBy(g => g.Key));
    }

    [Fact]
    public async Task At_pain_4_and_over_good_days_add_no_repeats_and_nothing_is_said_of_a_step()
    {
        var bot = await OptedInAsync(pain: 4);
        Dictionary<string, int> before = [];
        for (var day = 1; day <= 3; day++)
        {
            var replies = await CheckInAsync(bot, day, 4);
            before = Reps(replies);
            await PressAsync(bot, replies, day - 1, "exercise.done");
        }

        var fourth = await CheckInAsync(bot, 4, 4);

        Assert.DoesNotContain("nothing hurting", Said(fourth), StringComparison.Ordinal);
        Assert.Equal(before.OrderBy(b => b.Key), Reps(fourth).OrderBy(b => b.Key));
        Assert.Equal(0, (await StateAsync(bot)).Progress.StepsUp);
    }

    [Fact]
    public async Task The_seventh_day_check_in_brings_the_weekly_summary_honest_about_the_trend_and_without_streaks()
    {
        var bot = await OptedInAsync(pain: 4);
        int[] pains = [4, 4, 3, 3, 3, 2];
        for (var day = 1; day <= 6; day++)
        {
            // Each check-in says yesterday's exercises were done: days 0 to 5.
            var replies = await CheckInAsync(bot, day, pains[day - 1]);
            Assert.Null(Weekly(replies));
        }

        // Day 7 is skipped; the summary of day 7 comes with that day's check-in only, so day 8 has none. Day 8's
        // check-in says day 7's exercises were not done.
        Assert.Null(Weekly(await CheckInAsync(bot, 8, 2, exercised: "no")));
        var text = Weekly(await bot.SayAsync("weekly summary"));

        Assert.NotNull(text);
        Assert.Contains("2026-11-26 – 2026-12-02", text, StringComparison.Ordinal);
        Assert.Contains("Check-ins: 6 of 7 days", text, StringComparison.Ordinal);
        Assert.Contains("down from 4/10 to 2/10", text, StringComparison.Ordinal);
        // Days 2 to 5 by the next mornings' check-ins; day 6's was skipped and day 7's said no.
        Assert.Contains("Exercises done: 4 of 7 days", text, StringComparison.Ordinal);
        Assert.DoesNotContain("streak", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_week_with_the_pain_within_a_point_says_about_the_same_in_both_languages()
    {
        foreach (var (locale, title, same) in new[] { ("en-GB", "Your week", "about the same (4/10 to 5/10)"), ("zh-CN", "你的一周", "差不多（从4/10到5/10）") })
        {
            var bot = await OptedInAsync(locale, pain: 4);
            int[] pains = [4, 4, 5, 4, 5, 5, 5];
            List<BotReply> last = [];
            for (var day = 1; day <= 7; day++)
            {
                last = await CheckInAsync(bot, day, pains[day - 1]);
            }

            var text = Weekly(last);
            Assert.NotNull(text);
            Assert.Contains(title, text, StringComparison.Ordinal);
            Assert.Contains(same, text, StringComparison.Ordinal);
            Assert.DoesNotContain("streak", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("连续", text, StringComparison.Ordinal);
            Assert.NotNull(Weekly(await bot.SayAsync(locale == "zh-CN" ? "每周小结" : "my week")));
        }
    }

    [Theory]
    [InlineData("en-GB", "see your GP or a physiotherapist")]
    [InlineData("en-US", "see a doctor or a physiotherapist")]
    [InlineData("zh-CN", "骨科或康复科门诊")]
    public async Task Pain_not_two_points_lower_after_two_weeks_suggests_seeing_someone_once_and_at_six_weeks_raises_the_level(string locale, string service)
    {
        var bot = await OptedInAsync(locale, pain: 4);
        var said = new List<string>();
        for (var day = 1; day <= 44; day++)
        {
            said.Add(Said(await CheckInAsync(bot, day, day < 10 ? 4 : 3)));
        }

        var twoWeeks = said.FindIndex(s => s.Contains(service, StringComparison.Ordinal));
        Assert.Equal(15 - 1, twoWeeks);
        Assert.Contains(locale == "zh-CN" ? "当时4/10，今天3/10" : "4/10 then, 3/10 today", said[twoWeeks], StringComparison.Ordinal);
        var sixWeeks = said.FindIndex(s => s.Contains(locale == "zh-CN" ? "大约6周" : "about 6 weeks", StringComparison.Ordinal));
        Assert.Equal(43 - 1, sixWeeks);
        // Each is said once.
        Assert.Single(said, s => s.Contains(locale == "zh-CN" ? "还没有下降2分" : "hasn't come down by 2 points", StringComparison.Ordinal));
        Assert.Single(said, s => s.Contains(locale == "zh-CN" ? "大约6周" : "about 6 weeks", StringComparison.Ordinal));
        var state = await StateAsync(bot);
        Assert.Equal("L4", state.Level);
        Assert.Contains("RF18", state.Flags);
        if (locale == "en-US")
        {
            Assert.Contains("Please book an appointment with a doctor or a physiotherapist", said[sixWeeks], StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", string.Join("\n", said), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twelve_weeks_of_check_ins_with_card_feedback_every_day_keep_the_state_under_2_kb()
    {
        // A Teams personal chat's conversation id is "a:1" and 128 more characters.
        var bot = await OptedInAsync(conversationId: "a:1" + new string('x', 128));
        for (var day = 1; day < 83; day++)
        {
            // Every ninth day a point worse, and better again the day after.
            var replies = await CheckInAsync(bot, day, day % 9 == 0 ? 4 : 3);
            Assert.True(Reps(replies).Count > 0, $"day {day}: {Said(replies)}");
            await PressAsync(bot, replies, 0, day % 11 == 0 ? "exercise.tooHard" : "exercise.done");
        }

        // Day 82 is the last check-in: the next event ends the 12 weeks.
        var stored = await bot.Store.ReadAsync(bot.StateKey, default);
        var state = await StateAsync(bot);
        Assert.Equal(83, state.CheckIn!.Notes!.Felt!.Length);
        Assert.InRange(stored!.Data.Length, 100, 2048);
    }

    [Fact]
    public async Task Pain_two_points_lower_after_two_weeks_brings_no_advice_to_see_someone()
    {
        var bot = await OptedInAsync(pain: 4);
        var said = new List<string>();
        for (var day = 1; day <= 16; day++)
        {
            said.Add(Said(await CheckInAsync(bot, day, day < 8 ? 4 : 2)));
        }

        Assert.DoesNotContain(said, s => s.Contains("hasn't come down", StringComparison.Ordinal));
        Assert.Equal("L5", (await StateAsync(bot)).Level);
    }
}
