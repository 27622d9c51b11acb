using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.State;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using Microsoft.Extensions.Time.Testing;

namespace BackCareBot.Care.Tests;

/// <summary>Odd answers, interruptions, restarts and privacy commands, through the same path a channel uses.</summary>
public sealed class ConversationBehaviourTests
{
    private static readonly string[] ToSleepQuestion = ["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no"];

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂")]
    [InlineData("purple elephant")]
    public async Task Unexpected_text_gets_a_re_prompt_that_says_what_is_expected_and_changes_nothing(string text)
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync("hi", "yes");

        var replies = await bot.SayAsync(text);

        // The scope questions are one card: the re-prompt names the question a typed answer goes to, and the card comes again.
        Assert.Equal(2, replies.Count);
        Assert.Contains("Please answer the questions on the card", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("How old are you?", replies[0].Text, StringComparison.Ordinal);
        var card = Assert.Single(replies[1].Cards);
        Assert.Equal(["age", "pregnant", "spine_surgery"], card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "Input.ChoiceSet").Select(e => e!["id"]!.GetValue<string>()));
        Assert.False((await StateAsync(bot)).Dialog.Answers.ContainsKey("age"));
    }

    [Fact]
    public async Task Repeated_failures_offer_the_buttons_again_and_a_way_out()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync("hi", "yes");

        await bot.SayAsync("what");
        var replies = await bot.SayAsync("huh");

        Assert.Contains("type \"help\", or \"start over\"", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Under 16", replies[1].Visible, StringComparison.Ordinal);
        var accepted = await bot.SayAsync("50 or older");
        Assert.Contains("Are you pregnant?", accepted[0].Text, StringComparison.Ordinal);
        Assert.Equal("50plus", (await StateAsync(bot)).Dialog.Answers["age"]);
    }

    [Fact]
    public async Task An_attachment_instead_of_text_is_explained_and_the_question_repeated()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync("hi", "yes");

        var replies = await bot.SendAsync(new Activity { Type = ActivityTypes.Message, Attachments = [new Attachment { ContentType = "image/png", ContentUrl = "https://files.example/x.png" }] });

        Assert.Contains("can't read files or pictures", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("How old are you?", replies[1].Visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_answers_and_typed_answers_lead_to_the_same_step()
    {
        var typed = new ConversationDriver();
        var clicked = new ConversationDriver();
        await typed.SayAllAsync(ToSleepQuestion);
        await clicked.SayAllAsync(ToSleepQuestion);

        var byText = await typed.SayAsync("on my side");
        var byCard = await clicked.SubmitAsync(new JsonObject { ["step"] = "sleep_position", ["value"] = "side" });

        Assert.Equal(byText.Select(r => r.Visible), byCard.Select(r => r.Visible));
        Assert.Equal("side", (await StateAsync(clicked)).Dialog.Answers["sleep_position"]);
    }

    [Fact]
    public async Task An_answer_from_an_old_card_is_refused_and_changes_nothing()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(ToSleepQuestion);
        await bot.SayAsync("on my back");
        var before = await StateAsync(bot);

        var replies = await bot.SubmitAsync(new JsonObject { ["step"] = "sleep_position", ["value"] = "stomach" });

        Assert.Contains("already answered", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Where do you use pillows?", string.Join("\n", replies.Select(r => r.Visible)), StringComparison.Ordinal);
        var after = await StateAsync(bot);
        Assert.Equal("back", after.Dialog.Answers["sleep_position"]);
        Assert.Equal(before.Dialog.Stack[^1].StepId, after.Dialog.Stack[^1].StepId);
    }

    [Fact]
    public async Task Pain_card_takes_a_submitted_number_and_typed_words()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToSleepQuestion, "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither"]);

        var outOfRange = await bot.SubmitAsync(new JsonObject { ["step"] = "pain_now", ["value"] = "14" });
        var words = await bot.SayAsync("seven out of ten");

        Assert.Contains("whole number from 0 to 10", outOfRange[0].Text, StringComparison.Ordinal);
        Assert.Equal("7", (await StateAsync(bot)).Dialog.Answers["pain_now"]);
        Assert.Contains("only gentle movements", string.Join("\n", words.Select(r => r.Visible)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Back_undoes_the_last_answer_and_asks_it_again()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToSleepQuestion, "on my back"]);

        var replies = await bot.SayAsync("back");

        Assert.Contains("How do you usually sleep?", replies[0].Visible, StringComparison.Ordinal);
        Assert.False((await StateAsync(bot)).Dialog.Answers.ContainsKey("sleep_position"));
        Assert.Contains("Where do you use pillows?", (await bot.SayAsync("on my side"))[0].Visible, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("why do you ask?", "The way you lie changes the curve")]
    [InlineData("为什么", "The way you lie changes the curve")]
    [InlineData("help", "\"back\" (previous question)")]
    [InlineData("?", "\"back\" (previous question)")]
    [InlineData("？", "\"back\" (previous question)")]
    public async Task Why_and_help_answer_then_ask_the_same_question_again(string command, string expected)
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(ToSleepQuestion);

        var replies = await bot.SayAsync(command);

        Assert.Contains(expected, replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("How do you usually sleep?", replies[^1].Visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_switch_changes_the_words_and_keeps_the_question()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(ToSleepQuestion);

        var replies = await bot.SayAsync("中文");

        Assert.Contains("好的，我会说中文", replies[0].Text, StringComparison.Ordinal);
        Assert.Contains("你通常怎么睡", replies[1].Visible, StringComparison.Ordinal);
        Assert.Contains("你把枕头放在哪里", (await bot.SayAsync("侧睡"))[0].Visible, StringComparison.Ordinal);
        Assert.Contains("Where do you use pillows?", (await bot.SayAsync("English"))[1].Visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_over_and_cancel()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(ToSleepQuestion);

        var restarted = await bot.SayAsync("start over");
        Assert.Contains("I'm BackCareBot", restarted[0].Text, StringComparison.Ordinal);
        Assert.Empty((await StateAsync(bot)).Dialog.Answers);

        var cancelled = await bot.SayAsync("cancel");
        Assert.Contains("I've stopped", cancelled[0].Text, StringComparison.Ordinal);
        Assert.Empty((await StateAsync(bot)).Dialog.Stack);
    }

    [Fact]
    public async Task Quiz_is_reachable_at_any_time_and_returns_to_the_open_question()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(ToSleepQuestion);

        var start = await bot.SayAsync("quiz");
        Assert.Contains("8 quick questions", start[0].Text, StringComparison.Ordinal);
        var replies = new List<BotReply>();
        foreach (var answer in new[] { "under your knees", "between your knees", "3", "medium-firm", "staying active", "2", "1", "2" })
        {
            replies.AddRange(await bot.SayAsync(answer));
        }

        var all = string.Join("\n", replies.Select(r => r.Visible));
        Assert.Contains("You scored 7 out of 8", all, StringComparison.Ordinal);
        Assert.Contains("Not quite", all, StringComparison.Ordinal);
        Assert.Contains("How do you usually sleep?", replies[^1].Visible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_do_you_know_lists_the_answers_and_forget_me_deletes_everything()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToSleepQuestion, "on my back"]);

        var known = await bot.SayAsync("what do you know about me");
        Assert.Contains("How do you usually sleep? → On my back", known[0].Text, StringComparison.Ordinal);

        await bot.SayAsync("forget me");
        var deleted = await bot.SayAsync("yes");

        Assert.Contains("deleted everything", deleted[0].Text, StringComparison.Ordinal);
        Assert.Null(await bot.Store.ReadAsync(bot.StateKey, default));
        Assert.Contains("don't store anything", (await bot.SayAsync("what do you know about me"))[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_mid_assessment_resumes_at_the_same_question_from_sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-resume-" + Guid.NewGuid().ToString("N"));
        string conversation;
        using (var first = new SqliteStateStore(folder))
        {
            var before = new ConversationDriver(first);
            conversation = before.ConversationId;
            await before.SayAllAsync([.. ToSleepQuestion, "on my back"]);
        }

        using var second = new SqliteStateStore(folder);
        var after = new ConversationDriver(second, conversationId: conversation);
        var replies = await after.SayAsync("between my knees");

        Assert.Contains("What is your mattress like?", replies[^1].Visible, StringComparison.Ordinal);
        Assert.Equal("between_knees", (await StateAsync(after)).Dialog.Answers["pillows"]);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_safety_question_already_explained_before_a_restart_takes_a_second_not_sure_as_yes()
    {
        var store = new MemoryStateStore();
        var bot = new ConversationDriver(store);
        // As an older version stored it: "not sure" explained once, marked as attempts -1.
        var older = """{"schemaVersion":1,"level":"L5","flags":[],"dialog":{"stack":[{"dialogId":"care","stepId":"screen","attempts":0,"history":[]},{"dialogId":"redflags","stepId":"rf_g1","attempts":-1,"history":[]}],"answers":{"consent":"yes"}}}""";
        await store.WriteAsync(bot.StateKey, System.Text.Encoding.UTF8.GetBytes(older), null, default);

        var replies = await bot.SayAsync("not sure");

        Assert.Contains("Do you have chest pain as well as the back pain?", replies[^1].Visible, StringComparison.Ordinal);
        Assert.Equal("yes", (await StateAsync(bot)).Dialog.Answers["rf_g1"]);
    }

    [Fact]
    public async Task State_stored_by_an_older_version_with_fewer_fields_is_read_and_continued()
    {
        var store = new MemoryStateStore();
        var bot = new ConversationDriver(store);
        // Version 1 as first shipped: no language, no check-in, no dose step-back fields.
        var older = """{"schemaVersion":1,"level":"L5","flags":[],"dialog":{"stack":[{"dialogId":"care","stepId":"age","attempts":0,"history":["consent"]}],"answers":{"consent":"yes"}}}""";
        await store.WriteAsync(bot.StateKey, System.Text.Encoding.UTF8.GetBytes(older), null, default);

        var replies = await bot.SayAsync("16 to 49");

        Assert.Contains("Are you pregnant?", replies[0].Text, StringComparison.Ordinal);
        var state = await StateAsync(bot);
        Assert.Equal(CareState.CurrentSchemaVersion, state.SchemaVersion);
        Assert.Equal("16to49", state.Dialog.Answers["age"]);
    }

    [Fact]
    public async Task A_red_flag_word_interrupts_any_question_and_blocks_exercises_until_start_over()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToSleepQuestion, "on my back"]);

        var interrupted = await bot.SayAsync("I have a fever");
        Assert.Contains("doctor today", interrupted[0].Text, StringComparison.Ordinal);

        var rest = await bot.SayAllAsync(["no", "no", "no", "no", "hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3"]);
        Assert.Empty(rest.SelectMany(r => r.Exercises));
        Assert.Contains("won't suggest exercises", string.Join("\n", rest.Select(r => r.Visible)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_in_the_next_morning_asks_the_pain_steps_back_when_worse_and_plans_the_next_day()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToSleepQuestion, "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "5", "no", "no"]);
        var opted = await bot.SayAsync("yes");
        Assert.Contains("2026-11-25 08:00", opted[0].Text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), (await StateAsync(bot)).CheckInDue);

        Assert.Empty(await bot.CheckInsDueAsync(new DateTimeOffset(2026, 11, 25, 7, 59, 0, TimeSpan.Zero)));
        var greeting = await bot.CheckInsDueAsync(new DateTimeOffset(2026, 11, 25, 8, 0, 30, TimeSpan.Zero));
        Assert.Contains("Good morning", greeting[0].Text, StringComparison.Ordinal);
        Assert.Contains("how bad is your back pain this morning", greeting[1].Visible, StringComparison.Ordinal);
        // Typed, the check-in card's questions come one by one: pain (one point up: worse), stiffness, position, exercises, new signs.
        await bot.SayAllAsync("6", "less than 30 minutes", "on my back", "yes");
        var plan = await bot.SayAsync("no");

        Assert.Contains("gentler versions", plan[0].Text, StringComparison.Ordinal);
        // When to get help is repeated at every check-in (clinical.md 1: about 2 weeks, then 4 to 6 weeks).
        Assert.Contains("4 to 6 weeks", plan[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("EX-SUPERMAN", plan.SelectMany(r => r.Exercises));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), (await StateAsync(bot)).CheckInDue);
        Assert.Contains("Good morning", (await bot.CheckInsDueAsync(new DateTimeOffset(2026, 11, 26, 8, 1, 0, TimeSpan.Zero)))[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-24T07:30:00Z", "2026-11-24T07:30:00.000+00:00", "2026-11-25T08:00:00Z")]
    [InlineData("2026-11-24T22:30:00Z", "2026-11-25T06:30:00.000+08:00", "2026-11-26T00:00:00Z")]
    [InlineData("2026-11-25T03:30:00Z", "2026-11-24T22:30:00.000-05:00", "2026-11-25T13:00:00Z")]
    public async Task A_check_in_is_due_at_8_the_next_morning_in_the_users_time_zone(string now, string local, string due)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        var bot = new ConversationDriver(time: time) { LocalTimestamp = local };
        await bot.SayAllAsync([.. ToSleepQuestion, "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "5", "no", "no"]);

        await bot.SayAsync("yes");

        Assert.Equal(DateTimeOffset.Parse(due, CultureInfo.InvariantCulture), (await StateAsync(bot)).CheckInDue);
        var summary = await bot.SayAsync("what do you know about me");
        Assert.Contains(DateTimeOffset.Parse(due, CultureInfo.InvariantCulture).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), summary[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_stays_under_2_kb_after_a_full_assessment()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync([.. ToSleepQuestion, "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3", "no", "no", "yes"]);

        var stored = await bot.Store.ReadAsync(bot.StateKey, default);

        Assert.InRange(stored!.Data.Length, 100, 2048);
    }

    [Fact]
    public async Task Teams_invoke_answers_in_the_http_response_with_a_summary_card()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        await bot.SayAllAsync(ToSleepQuestion);
        var invoke = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Value = JsonSerializer.SerializeToElement(
                new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "answer", ["data"] = new JsonObject { ["step"] = "sleep_position", ["value"] = "side" } }, ["trigger"] = "manual" },
                TestJson.Default.JsonObject),
        };

        var replies = await bot.SendAsync(invoke);

        Assert.Equal(200, bot.LastInvoke!.StatusCode);
        var body = JsonNode.Parse(bot.LastInvoke.Body!.Value.GetRawText())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("You answered: On my side", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Where do you use pillows?", string.Join("\n", replies.Select(r => r.Visible)), StringComparison.Ordinal);
    }

    private static readonly string[] ToExercises = [.. ToSleepQuestion, "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3"];

    [Fact]
    public async Task Exercise_feedback_counts_once_per_card()
    {
        var bot = new ConversationDriver();
        var plan = await bot.SayAllAsync(ToExercises);
        var cards = plan.SelectMany(r => r.Cards).Where(c => FeedbackData(c, "exercise.hurts") is not null).ToList();
        Assert.True(cards.Count >= 2, "expected at least two exercise cards");

        var hurts = await bot.SubmitAsync(FeedbackData(cards[0], "exercise.hurts")!);
        var again = await bot.SubmitAsync(FeedbackData(cards[0], "exercise.hurts")!);
        var other = await bot.SubmitAsync(FeedbackData(cards[1], "exercise.done")!);

        Assert.Contains("Stop that exercise", hurts[0].Text, StringComparison.Ordinal);
        Assert.Contains("already has your feedback, so nothing was changed", again[0].Text, StringComparison.Ordinal);
        Assert.Contains("Well done", other[0].Text, StringComparison.Ordinal);
        var state = await StateAsync(bot);
        Assert.Equal(1, state.DoseStepBack);
        Assert.Equal(2, state.Plan!.Feedback.Count);
    }

    [Fact]
    public async Task On_teams_exercise_feedback_replaces_the_buttons_with_the_answer_and_a_card_of_an_older_plan_changes_nothing()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var plan = await bot.SayAllAsync(ToExercises);
        var cards = plan.SelectMany(r => r.Cards).Where(c => FeedbackData(c, "exercise.done") is not null).ToList();
        var card = cards[0];

        await bot.SendAsync(Press("exercise.done", FeedbackData(card, "exercise.done")!));
        var replaced = JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!;

        Assert.Equal("application/vnd.microsoft.card.adaptive", replaced["type"]!.GetValue<string>());
        Assert.Contains("Noted: Done", replaced["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(FeedbackData(replaced["value"]!.AsObject(), "exercise.hurts"));
        Assert.Equal(card["body"]![0]!["text"]!.GetValue<string>(), replaced["value"]!["body"]![0]!["text"]!.GetValue<string>());

        // The daily-life questions, then yes to check-ins; the next morning's check-in makes a new plan.
        await bot.SayAllAsync("no", "no", "yes", "no");
        Assert.NotEmpty(await bot.CheckInsDueAsync(new DateTimeOffset(2026, 11, 25, 8, 1, 0, TimeSpan.Zero)));
        await bot.SayAllAsync("2", "less than 30 minutes", "on my back", "yes", "no");
        var stepBack = (await StateAsync(bot)).DoseStepBack;
        // A card of the earlier plan that got no feedback: only its plan number tells that it is out of date.
        await bot.SendAsync(Press("exercise.hurts", FeedbackData(cards[1], "exercise.hurts")!));
        var stale = JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!;

        Assert.Equal("application/vnd.microsoft.activity.message", stale["type"]!.GetValue<string>());
        Assert.Equal(stepBack, (await StateAsync(bot)).DoseStepBack);
    }

    [Theory]
    [InlineData("on my back", "A1", "1 to 2 pillows under both knees")]
    [InlineData("on my side", "A2", "pillow between your knees")]
    [InlineData("on my front", "A3", "pillow under your hips")]
    public async Task Every_seed_recommendation_is_reached_in_a_conversation_with_its_parameters(string position, string seed, string correction)
    {
        var bot = new ConversationDriver();
        string[] path = [.. ToExercises];
        path[ToSleepQuestion.Length] = position;
        path[^1] = "2";

        // The position correction comes right after the sleep questions, the exercise cards at the end.
        var replies = new List<BotReply>();
        foreach (var message in path)
        {
            replies.AddRange(await bot.SayAsync(message));
        }

        var said = string.Join("\n", replies.Select(r => r.Visible));
        string Card(string exercise) => replies.Where(r => r.Exercises.Contains(exercise)).Select(r => r.Visible).Single();

        Assert.True(said.Contains(correction, StringComparison.Ordinal), $"{seed}: {correction}");
        Assert.Contains("10 times, before bed and after waking", Card("EX-KNEE-ROLL"), StringComparison.Ordinal);
        Assert.Contains("5 times, hold 5 s, once a day", Card("EX-SUPERMAN"), StringComparison.Ordinal);
        Assert.Contains("5 times", Card("EX-DEADBUG"), StringComparison.Ordinal);
        Assert.Contains("tummy tight", Card("EX-DEADBUG"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_high_pain_the_seed_stretch_comes_with_less_effort_shorter_holds_and_rests()
    {
        var bot = new ConversationDriver();
        string[] path = [.. ToExercises];
        path[^1] = "8";

        var replies = await bot.SayAllAsync(path);
        var rotation = replies.Where(r => r.Exercises.Contains("EX-KNEE-ROLL")).Select(r => r.Visible).Single();

        Assert.Contains("5 times, hold 2 s, rest 10 s between", rotation, StringComparison.Ordinal);
        Assert.DoesNotContain(replies, r => r.Exercises.Contains("EX-SUPERMAN"));
    }

    [Fact]
    public async Task After_a_warning_sign_an_old_exercise_card_gets_no_encouragement_only_the_advice_to_see_a_doctor()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var plan = await bot.SayAllAsync(ToExercises);
        var card = plan.SelectMany(r => r.Cards).First(c => FeedbackData(c, "exercise.done") is not null);
        await bot.SayAsync("I have chest pain");

        var replies = await bot.SendAsync(Press("exercise.done", FeedbackData(card, "exercise.done")!));
        var replaced = JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!;
        var said = string.Join("\n", replies.Select(r => r.Visible));

        Assert.DoesNotContain("Well done", said, StringComparison.Ordinal);
        Assert.Contains("won't suggest exercises", said, StringComparison.Ordinal);
        Assert.DoesNotContain("exercise.", replaced["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(replies.SelectMany(r => r.Exercises));
    }

    [Fact]
    public async Task The_card_that_replaces_a_pressed_exercise_card_shows_the_dose_the_user_was_given()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var plan = await bot.SayAllAsync(ToExercises);
        var cards = plan.SelectMany(r => r.Cards).Where(c => FeedbackData(c, "exercise.done") is not null).ToList();
        static string Dose(JsonNode card) => card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]![0]!["value"]!.GetValue<string>();

        await bot.SendAsync(Press("exercise.hurts", FeedbackData(cards[0], "exercise.hurts")!));
        await bot.SendAsync(Press("exercise.done", FeedbackData(cards[1], "exercise.done")!));
        var replaced = JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!["value"]!;

        Assert.Equal(Dose(cards[1]), Dose(replaced));
        Assert.Equal(1, (await StateAsync(bot)).DoseStepBack);
    }

    [Fact]
    public async Task A_card_of_a_plan_made_from_answers_since_changed_changes_nothing()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var plan = await bot.SayAllAsync(ToExercises);
        var card = plan.SelectMany(r => r.Cards).First(c => FeedbackData(c, "exercise.done") is not null);
        // The conversation ends, a new run begins and the pain is now 9: the plan's number is unchanged until a new one is sent.
        await bot.SayAllAsync("no", "no", "no", "no", "no");
        await bot.SayAllAsync([.. ToExercises[..^1], "9"]);
        Assert.Equal("9", (await StateAsync(bot)).Dialog.Answers["pain_now"]);

        var replies = await bot.SendAsync(Press("exercise.done", FeedbackData(card, "exercise.done")!));

        Assert.Contains("nothing was changed", replies[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(replies, r => (r.Text ?? "").Contains("Well done", StringComparison.Ordinal));
        Assert.Equal("application/vnd.microsoft.activity.message", JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_group_chat_turn_removes_anything_stored_for_that_chat_and_points_to_a_personal_chat()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var key = bot.StateKey;
        await bot.Store.WriteAsync(key, "{\"schemaVersion\":1,\"level\":\"L5\"}"u8.ToArray(), null, default);
        await bot.Store.WriteAsync(CareBot.CheckInKey(key), "{}"u8.ToArray(), null, default);

        var replies = await bot.SendAsync(new Activity
        {
            Type = ActivityTypes.Message,
            Text = "what do you know about me",
            Conversation = new ConversationAccount { Id = bot.ConversationId, ConversationType = "groupChat", IsGroup = true },
        });

        Assert.Contains("only in a personal chat", Assert.Single(replies).Text, StringComparison.Ordinal);
        Assert.Null(await bot.Store.ReadAsync(key, default));
        Assert.Null(await bot.Store.ReadAsync(CareBot.CheckInKey(key), default));
    }

    [Theory]
    [InlineData("EX-NOT-IN-THE-PLAN-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "1")]
    [InlineData(null, "1")]
    [InlineData("EX-KNEE-ROLL", null)]
    [InlineData("EX-KNEE-ROLL", "99")]
    public async Task Feedback_that_names_no_card_of_the_current_plan_changes_nothing(string? exercise, string? plan)
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(ToExercises);
        var before = await bot.Store.ReadAsync(bot.StateKey, default);
        var data = new JsonObject { ["verb"] = "exercise.hurts", ["exercise"] = exercise, ["plan"] = plan };

        for (var i = 0; i < 5; i++)
        {
            var replies = await bot.SubmitAsync(data.DeepClone().AsObject());
            Assert.Contains("nothing was changed", replies[0].Text, StringComparison.Ordinal);
        }

        // What changes is only the record of which activities were answered (so a channel's retry is not answered twice).
        var after = await bot.Store.ReadAsync(bot.StateKey, default);
        Assert.Equal(WithoutDeliveryRecord(before!.Data), WithoutDeliveryRecord(after!.Data));
    }

    private static string WithoutDeliveryRecord(byte[] state)
    {
        var json = JsonNode.Parse(state)!.AsObject();
        json.Remove("lastActivityId");
        json.Remove("seen");
        json.Remove("pending");
        return json.ToJsonString();
    }

    [Fact]
    public async Task A_refresh_naming_the_open_question_that_is_not_a_card_gets_the_closed_card()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        // The age question is a card (so the run is set); the question after it is yes/no, asked with buttons.
        await bot.SayAllAsync("hi", "yes", "16 to 49");
        var state = await StateAsync(bot);
        var run = state.Dialog.Run!;
        var step = state.Dialog.Stack[^1].StepId!;
        Assert.Equal("yesno", ConversationDriver.Content.Flows.Values.SelectMany(f => f.Steps).Single(s => s.Id == step).Kind);

        await bot.SendAsync(Press("refresh", new JsonObject { ["step"] = step, ["run"] = run }));

        Assert.Equal(200, bot.LastInvoke!.StatusCode);
        Assert.Contains("This question is closed", bot.LastInvoke.Body!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "http://[::]:8080" }, "http://localhost:8080")]
    [InlineData(new[] { "http://+:80", "https://0.0.0.0:8443" }, "https://localhost:8443")]
    [InlineData(new[] { "http://127.0.0.1:5000" }, "http://127.0.0.1:5000")]
    [InlineData(new string[0], null)]
    public void Pictures_link_to_an_address_a_browser_can_reach_when_none_is_configured(string[] bound, string? expected)
    {
        Assert.Equal(expected, CareOptions.LocalAddress(bound));
    }

    /// <summary>The data of an exercise card's feedback button (Action.Submit data, or Action.Execute data with its verb).</summary>
    [Fact]
    public async Task It_hurts_on_the_superman_brings_the_bird_dog_into_the_next_plan()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var plan = await bot.SayAllAsync(ToExercises);
        var superman = plan.SelectMany(r => r.Cards).Select(c => FeedbackData(c, "exercise.hurts")).First(d => d?["exercise"]?.GetValue<string>() == "EX-SUPERMAN")!;

        await bot.SendAsync(Press("exercise.hurts", superman));
        await bot.SayAllAsync("no", "no", "yes", "no");
        Assert.NotEmpty(await bot.CheckInsDueAsync(new DateTimeOffset(2026, 11, 25, 8, 1, 0, TimeSpan.Zero)));
        var next = (await bot.SayAllAsync("2", "less than 30 minutes", "on my back", "yes", "no")).SelectMany(r => r.Exercises).ToList();

        Assert.DoesNotContain("EX-SUPERMAN", next);
        Assert.Contains("EX-BIRD-DOG", next);
        // What is kept about the feedback is shown to the user like every other stored answer.
        Assert.Contains("Exercises that hurt (replaced by gentler ones): Superman (for weak back muscles)", (await bot.SayAsync("what do you know about me"))[0].Text, StringComparison.Ordinal);
    }

    private static JsonObject? FeedbackData(JsonObject card, string verb) =>
        card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").SelectMany(s => s!["actions"]!.AsArray())
            .Where(a => (a!["verb"] ?? a["data"]?["verb"])?.GetValue<string>() == verb)
            .Select(a => a!["data"]!.DeepClone().AsObject())
            .FirstOrDefault();

    private static Activity Press(string verb, JsonObject data) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = "adaptiveCard/action",
        Value = JsonSerializer.SerializeToElement(
            new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" },
            TestJson.Default.JsonObject),
    };

    private static async Task<CareState> StateAsync(ConversationDriver bot)
    {
        var stored = await bot.Store.ReadAsync(bot.StateKey, default);
        return JsonSerializer.Deserialize(stored!.Data, CareStateJsonContext.Default.CareState)!;
    }
}
