using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.State;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Tests;

/// <summary>
/// The scope form and the warning-sign checklists, as a channel sends their answers: Teams' Action.Execute invokes,
/// Web Chat's Action.Submit messages, and typed answers. One submit answers several questions; only what was ticked
/// is drilled into; a ticked sign is never lost; an old or pressed card changes nothing.
/// </summary>
public sealed class FormCardTests
{
    private static readonly JsonObject Adult = new() { ["age"] = "16to49", ["pregnant"] = "no", ["spine_surgery"] = "no" };

    [Fact]
    public async Task On_teams_the_scope_form_is_answered_in_the_invoke_response_and_a_second_press_changes_nothing()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var opening = await bot.SayAllAsync("hi", "yes");
        var form = CardData(opening, "scope");

        var replies = await bot.SendAsync(Execute(With(form, Adult)));

        Assert.Equal(200, bot.LastInvoke!.StatusCode);
        var body = JsonNode.Parse(bot.LastInvoke.Body!.Value.GetRawText())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("How old are you? 16 to 49", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Are you pregnant? No", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(CardData(replies, "rf_g1"));
        var state = await StateAsync(bot);
        Assert.Equal(("16to49", "no", "no"), (state.Dialog.Answers["age"], state.Dialog.Answers["pregnant"], state.Dialog.Answers["spine_surgery"]));

        await bot.SendAsync(Execute(With(form, new JsonObject { ["age"] = "under16", ["pregnant"] = "no", ["spine_surgery"] = "no" })));

        var again = JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!;
        Assert.Equal("application/vnd.microsoft.activity.message", again["type"]!.GetValue<string>());
        Assert.Equal("16to49", (await StateAsync(bot)).Dialog.Answers["age"]);
    }

    [Fact]
    public async Task A_form_answer_that_leaves_a_question_out_asks_that_question_on_its_own()
    {
        var bot = new ConversationDriver();
        var form = CardData(await bot.SayAllAsync("hi", "yes"), "scope");

        var replies = await bot.SubmitAsync(With(form, new JsonObject { ["age"] = "50plus", ["pregnant"] = "maybe" }));

        Assert.Contains("Are you pregnant?", replies[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["Yes", "No"], replies[^1].Buttons);
        await bot.SayAsync("no");
        var next = await bot.SayAsync("no");
        Assert.NotNull(CardData(next, "rf_g1"));
        Assert.Equal("50plus", (await StateAsync(bot)).Dialog.Answers["age"]);
    }

    [Fact]
    public async Task Under_16_on_the_form_ends_the_self_care_path()
    {
        var bot = new ConversationDriver();
        var form = CardData(await bot.SayAllAsync("hi", "yes"), "scope");

        var replies = await bot.SubmitAsync(With(form, new JsonObject { ["age"] = "under16", ["pregnant"] = "no", ["spine_surgery"] = "no" }));

        Assert.Null(CardData(replies, "rf_g1"));
        Assert.DoesNotContain(replies, r => r.Exercises.Any());
    }

    [Fact]
    public async Task None_of_these_moves_to_the_next_group_and_a_ticked_sign_is_drilled_into_alone()
    {
        var bot = new ConversationDriver();
        var form = CardData(await bot.SayAllAsync("hi", "yes"), "scope");
        var g1 = CardData(await bot.SubmitAsync(With(form, Adult)), "rf_g1");

        var afterG1 = await bot.SubmitAsync(With(g1, new JsonObject { ["value"] = "none" }));
        var afterG2 = await bot.SubmitAsync(With(CardData(afterG1, "rf_g2"), new JsonObject { ["value"] = "none" }));
        var drill = await bot.SubmitAsync(With(CardData(afterG2, "rf_g3"), new JsonObject { ["rf_osteo"] = "yes", ["rf10"] = "no" }));

        // Thin bones ticked: its one follow-up, not the other signs of the group again.
        Assert.Contains("Did bad pain in your back start suddenly, even without a fall?", drill[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(drill, r => r.Visible.Contains("Have you ever had cancer?", StringComparison.Ordinal));
        var answers = (await StateAsync(bot)).Dialog.Answers;
        Assert.Equal("yes", answers["rf_osteo"]);
        Assert.False(answers.ContainsKey("rf10"));
        Assert.Equal("none", answers["rf_g1"]);
    }

    [Fact]
    public async Task None_of_these_pressed_with_a_sign_set_to_yes_still_counts_the_sign()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var form = CardData(await bot.SayAllAsync("hi", "yes"), "scope");
        var g1 = CardData(await bot.SendAsync(Execute(With(form, Adult))), "rf_g1");

        var replies = await bot.SendAsync(Execute(With(g1, new JsonObject { ["value"] = "none", ["rf01"] = "yes", ["rf02a"] = "no" })));

        Assert.Contains(replies, r => r.Visible.Contains("999", StringComparison.Ordinal));
        Assert.Equal("L1", (await StateAsync(bot)).Level);
    }

    [Theory]
    [InlineData("en-GB", "hi", "yes", "16 to 49", "no", "none")]
    [InlineData("en-GB", "hi", "yes", "16 to 49", "no", "None of these")]
    [InlineData("zh-CN", "你好", "是", "16到49岁", "没有", "都没有")]
    [InlineData("zh-CN", "你好", "是", "16到49岁", "没有", "以上都没有")]
    public async Task Typed_answers_still_work_one_at_a_time_and_none_answers_a_checklist(string locale, string hello, string yes, string age, string no, string none)
    {
        var bot = new ConversationDriver(locale: locale);
        await bot.SayAllAsync(hello, yes, age, no, no);

        var replies = await bot.SayAsync(none);

        Assert.NotNull(CardData(replies, "rf_g2"));
        var answers = (await StateAsync(bot)).Dialog.Answers;
        Assert.Equal("none", answers["rf_g1"]);
        Assert.Equal("16to49", answers["age"]);
    }

    [Fact]
    public async Task Typed_yes_at_a_checklist_asks_each_sign_on_its_own_with_not_sure()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync("hi", "yes", "16 to 49", "no", "no");

        var replies = await bot.SayAsync("yes");

        Assert.Contains("chest pain as well", replies[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["Yes", "No", "Not sure"], replies[^1].Buttons);
        var next = await bot.SayAsync("no");
        Assert.Contains("Did very bad pain in your tummy or lower back start suddenly?", next[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_sign_typed_at_a_checklist_is_routed_and_never_taken_as_its_answer()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync("hi", "yes", "16 to 49", "no", "no");

        var replies = await bot.SayAsync("none, but I can't feel it when I wipe");

        Assert.Contains(replies, r => r.Visible.Contains("999", StringComparison.Ordinal));
        Assert.False((await StateAsync(bot)).Dialog.Answers.ContainsKey("rf_g1"));
    }

    [Fact]
    public async Task Back_after_a_checklist_asks_it_again_and_forgets_what_it_ticked()
    {
        var bot = new ConversationDriver();
        var form = CardData(await bot.SayAllAsync("hi", "yes"), "scope");
        var g1 = CardData(await bot.SubmitAsync(With(form, Adult)), "rf_g1");
        await bot.SubmitAsync(With(g1, new JsonObject { ["rf02a"] = "yes" }));

        var replies = await bot.SayAsync("back");

        Assert.NotNull(CardData(replies, "rf_g1"));
        var answers = (await StateAsync(bot)).Dialog.Answers;
        Assert.False(answers.ContainsKey("rf_g1"));
        Assert.False(answers.ContainsKey("rf02a"));
    }

    [Fact]
    public async Task A_form_card_from_before_start_over_changes_nothing()
    {
        var bot = new ConversationDriver();
        var old = CardData(await bot.SayAllAsync("hi", "yes"), "scope");
        await bot.SayAllAsync("start over", "yes");

        var replies = await bot.SubmitAsync(With(old, Adult));

        Assert.Contains("already answered", replies[0].Text, StringComparison.Ordinal);
        Assert.False((await StateAsync(bot)).Dialog.Answers.ContainsKey("age"));
    }

    [Fact]
    public async Task On_teams_a_refreshed_checklist_is_the_open_card_and_once_answered_its_summary()
    {
        var bot = new ConversationDriver(channelId: "msteams");
        var form = CardData(await bot.SayAllAsync("hi", "yes"), "scope");
        var g1 = CardData(await bot.SendAsync(Execute(With(form, Adult))), "rf_g1");
        var refresh = new JsonObject { ["step"] = "rf_g1", ["run"] = g1!["run"]!.GetValue<string>() };

        await bot.SendAsync(Execute(refresh.DeepClone().AsObject(), "refresh"));
        var open = JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!["value"]!.ToJsonString();
        await bot.SendAsync(Execute(With(g1, new JsonObject { ["value"] = "none" })));
        await bot.SendAsync(Execute(refresh.DeepClone().AsObject(), "refresh"));
        var answered = JsonNode.Parse(bot.LastInvoke!.Body!.Value.GetRawText())!["value"]!.ToJsonString();

        Assert.Contains("Input.ChoiceSet", open, StringComparison.Ordinal);
        Assert.Contains("You answered: None of these", answered, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.ChoiceSet", answered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_stays_under_2_kb_on_the_card_path_to_the_exercises()
    {
        var bot = new ConversationDriver();
        var replies = await bot.SubmitAsync(With(CardData(await bot.SayAllAsync("hi", "yes"), "scope"), Adult));
        foreach (var group in new[] { "rf_g1", "rf_g2", "rf_g3" })
        {
            replies = await bot.SubmitAsync(With(CardData(replies, group), new JsonObject { ["value"] = "none" }));
        }

        replies = await bot.SayAsync("no");
        replies = await bot.SubmitAsync(With(CardData(replies, "rf_g5"), new JsonObject { ["value"] = "none" }));
        replies = await bot.SayAllAsync("on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "3");

        Assert.Contains(replies, r => r.Exercises.Any());
        var stored = await bot.Store.ReadAsync(bot.StateKey, default);
        Assert.InRange(stored!.Data.Length, 100, 2048);
    }

    /// <summary>The data of the Send button of the last card in the replies that asks <paramref name="step"/>.</summary>
    private static JsonObject? CardData(IEnumerable<BotReply> replies, string step) =>
        replies.SelectMany(r => r.Cards).Reverse()
            .SelectMany(c => (c["actions"]?.AsArray() ?? []).OfType<JsonObject>())
            .Select(a => a["data"] as JsonObject)
            .FirstOrDefault(d => d?["step"]?.GetValue<string>() == step && d["value"] is null)?.DeepClone().AsObject();

    private static JsonObject With(JsonObject? data, JsonObject values)
    {
        Assert.NotNull(data);
        var merged = data.DeepClone().AsObject();
        foreach (var (key, value) in values)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    /// <summary>An Action.Execute invoke as Teams sends it: the inputs merged into the button's data.</summary>
    private static Activity Execute(JsonObject data, string verb = "answer")
    {
        data.Remove("verb");
        return new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Value = JsonSerializer.SerializeToElement(
                new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = verb == "refresh" ? "automatic" : "manual" },
                TestJson.Default.JsonObject),
        };
    }

    private static async Task<CareState> StateAsync(ConversationDriver bot)
    {
        var stored = await bot.Store.ReadAsync(bot.StateKey, default);
        return JsonSerializer.Deserialize(stored!.Data, CareStateJsonContext.Default.CareState)!;
    }
}
