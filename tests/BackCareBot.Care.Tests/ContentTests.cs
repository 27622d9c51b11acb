using System.Text.Json.Nodes;
using BackCareBot.Care.Content;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests;

/// <summary>The content in dialogs/ is valid, and each validator rule catches the mistake it is for.</summary>
public sealed partial class ContentTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "bcb-content-" + Guid.NewGuid().ToString("N"));

    public ContentTests() => CopyFolder(Repo.File("dialogs"), _copy);

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public void The_shipped_content_has_no_problems()
    {
        Assert.Empty(ContentValidator.Validate(CareContent.Load(Repo.File("dialogs"))));
    }

    [Fact]
    public async Task Every_content_file_matches_its_json_schema()
    {
        var (exitCode, output) = await NodeCheck.RunAsync(Repo.File("tools", "validate-content.js"), Repo.File("dialogs"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("VALID    flows/care.json", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_check_rejects_a_malformed_file()
    {
        Edit("exercises.json", root => root["exercises"]![0]!["painMax"] = 11);

        var (exitCode, output) = await NodeCheck.RunAsync(Repo.File("tools", "validate-content.js"), _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("exercises.json/exercises/0/painMax", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redflags.json", "levels", "urgency")]
    [InlineData("redflags.json", "flags", "why")]
    [InlineData("advice.json", "rows", "seed")]
    public async Task The_schema_check_rejects_a_field_nothing_reads(string file, string list, string field)
    {
        Edit(file, root => root[list]![0]![field] = "A1");

        var (exitCode, output) = await NodeCheck.RunAsync(Repo.File("tools", "validate-content.js"), _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(file, output, StringComparison.Ordinal);
        Assert.Contains($"{file}/{list}/0: must NOT have additional properties", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_link_names_the_file_flow_and_step()
    {
        Edit("flows/assessment.json", root => Step(root, "pillows")["next"] = "no_such_step");

        Assert.Contains("flows/assessment.json: flow 'assessment', step 'pillows': links to missing step 'no_such_step'", Problems());
    }

    [Fact]
    public void An_unreachable_step_is_reported()
    {
        Edit("flows/assessment.json", root => root["steps"]!.AsArray().Add(new JsonObject { ["id"] = "orphan", ["kind"] = "tell", ["text"] = new JsonArray("advice.intro"), ["next"] = null }));

        Assert.Contains("flows/assessment.json: flow 'assessment', step 'orphan': unreachable", Problems());
    }

    [Fact]
    public void A_missing_translation_is_reported_for_the_language_that_lacks_it()
    {
        Edit("locales/zh-CN.json", root => root["strings"]!.AsObject().Remove("q.sleep_position"));

        Assert.Contains(Problems(), p => p.StartsWith("locales/zh-CN.json: missing translation for 'q.sleep_position'", StringComparison.Ordinal));
    }

    [Fact]
    public void Advice_without_a_source_is_reported()
    {
        Edit("advice.json", root => root["rows"]![0]!["sources"] = new JsonArray());

        Assert.Contains("advice.json: row 'position.back': has no source", Problems());
    }

    [Fact]
    public void An_unknown_source_is_reported()
    {
        Edit("exercises.json", root => root["exercises"]![0]!["sources"] = new JsonArray("S99"));

        Assert.Contains("exercises.json: exercise 'EX-KNEE-ROLL': unknown source 'S99'", Problems());
    }

    [Fact]
    public void An_exercise_picture_in_a_format_cards_do_not_show_is_reported()
    {
        Edit("exercises.json", root => root["exercises"]![0]!["image"] = "knee-roll.svg");

        Assert.Contains("exercises.json: exercise 'EX-KNEE-ROLL': image 'knee-roll.svg' is not PNG, JPEG or GIF, the formats Adaptive Cards accept", Problems());
    }

    [Fact]
    public void Every_exercise_picture_is_a_png_rendered_from_the_svg_beside_it()
    {
        foreach (var exercise in CareContent.Load(Repo.File("dialogs")).Exercises.Exercises)
        {
            var png = Repo.File("dialogs", "images", exercise.Image);
            var header = File.ReadAllBytes(png).AsSpan(0, 24).ToArray();

            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, header[..4]);
            var svg = Path.ChangeExtension(png, ".svg");
            Assert.True(File.Exists(svg), $"{exercise.Image}: its SVG source is missing");
            // scripts/render-images.sh renders at twice the SVG's size; the PNG's IHDR holds width and height.
            var size = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(svg), "width=\"(\\d+)\" height=\"(\\d+)\"");
            Assert.Equal(
                (int.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 2, int.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) * 2),
                (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20))));
        }
    }

    [Fact]
    public void An_exercise_without_a_gentler_version_is_reported()
    {
        Edit("exercises.json", root => root["exercises"]![7]!["dose"]!.AsObject().Remove("gentle"));

        Assert.Contains("exercises.json: exercise 'EX-SUPERMAN': has no gentler version (dose.gentle and easier are required)", Problems());
    }

    [Fact]
    public void A_gap_in_the_decision_table_is_reported()
    {
        Edit("advice.json", root => root["rows"]!.AsArray().RemoveAt(2));

        Assert.Contains("advice.json: no position advice for sleep_position 'stomach' with pain_area 'centre'", Problems());
    }

    [Fact]
    public void An_unknown_red_flag_on_a_step_is_reported()
    {
        Edit("flows/redflags.json", root => Step(root, "rf03")["flag"] = "RF99");

        Assert.Contains("flows/redflags.json: flow 'redflags', step 'rf03': raises unknown red flag 'RF99'", Problems());
    }

    [Fact]
    public void An_unknown_action_name_is_reported()
    {
        Edit("flows/care.json", root => Step(root, "advice")["action"] = "advise");

        Assert.Contains("flows/care.json: flow 'care', step 'advice': runs unknown action 'advise'", Problems());
    }

    [Fact]
    public void A_condition_on_an_unknown_fact_is_reported()
    {
        Edit("advice.json", root => root["rows"]![0]!["when"] = new JsonObject { ["levelAbove"] = "L4" });

        Assert.Contains("advice.json: row 'position.back': condition tests unknown fact 'levelAbove'", Problems());
    }

    [Fact]
    public void A_level_condition_on_an_unknown_level_is_reported()
    {
        Edit("flows/care.json", root => Step(root, "consent_route")["rules"]![0]!["when"] = new JsonObject { ["levelAtLeast"] = "L7" });

        Assert.Contains("flows/care.json: flow 'care', step 'consent_route': condition 'levelAtLeast' names unknown level 'L7'", Problems());
    }

    [Fact]
    public void A_duplicate_step_id_is_reported()
    {
        Edit("flows/assessment.json", root => Step(root, "pillows")["id"] = "sleep_position");

        Assert.Contains("flows/assessment.json: flow 'assessment', step 'sleep_position': duplicate step id", Problems());
    }

    [Fact]
    public void A_missing_start_step_is_reported()
    {
        Edit("flows/forget.json", root => root["start"] = "no_such_step");

        Assert.Contains("flows/forget.json: flow 'forget': start step 'no_such_step' does not exist", Problems());
    }

    [Fact]
    public void A_missing_sub_flow_is_reported()
    {
        Edit("flows/care.json", root => Step(root, "screen")["flow"] = "redflag");

        Assert.Contains("flows/care.json: flow 'care', step 'screen': runs missing flow 'redflag'", Problems());
    }

    [Fact]
    public void A_red_flag_with_an_unknown_level_is_reported()
    {
        Edit("redflags.json", root => root["flags"]![0]!["level"] = "L9");

        Assert.Contains("redflags.json: flag 'RF01': unknown level 'L9'", Problems());
    }

    [Fact]
    public void A_quiz_answer_that_is_not_one_of_its_choices_is_reported()
    {
        Edit("quiz.json", root => root["questions"]![0]!["answer"] = "on_the_floor");

        Assert.Contains("quiz.json: question 'quiz_q1': the answer 'on_the_floor' is not one of its choices", Problems());
    }

    [Fact]
    public void Every_seed_recommendation_is_in_the_content_with_its_parameters()
    {
        var content = CareContent.Load(Repo.File("dialogs"));
        var en = content.Locales["en"].Strings;
        string Advice(string row) => string.Join(" ", content.Advice.Rows.Single(r => r.Id == row).Advice.Select(k => en[k]));
        var superman = content.Exercises.Exercises.Single(e => e.Seed == "A5");
        var scissors = content.Exercises.Exercises.Single(e => e.Seed == "A6");
        var rotation = content.Exercises.Exercises.Single(e => e.Seed == "A4");

        Assert.Contains("1 to 2 pillows under both knees", Advice("position.back"), StringComparison.Ordinal);
        Assert.Contains("pillow between your knees", Advice("position.side"), StringComparison.Ordinal);
        Assert.Contains("pillow under your hips", Advice("position.stomach"), StringComparison.Ordinal);
        Assert.Equal((5, 5, "once a day"), (superman.Dose.Standard!.HoldSeconds, superman.Dose.Standard.Reps, en[superman.Dose.Standard.Frequency]));
        Assert.Equal((5, "once a day"), (scissors.Dose.Standard!.Reps, en[scissors.Dose.Standard.Frequency]));
        Assert.Contains("tummy tight", en[scissors.Steps[^1]], StringComparison.Ordinal);
        Assert.Equal("before bed and after waking", en[rotation.Dose.Standard!.Frequency]);
        Assert.Contains("less effort", en[rotation.Easier], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q.rf01", "Do you have chest pain AND feel faint?", "joins two conditions")]
    [InlineData("q.rf01", "Do you have chest pain, or do you feel faint?", "joins two conditions")]
    [InlineData("q.rf18", "Has the pain not improved at all after 4 to 6 weeks?", "is a negative question")]
    public void A_warning_sign_question_that_asks_two_things_or_asks_negatively_is_reported(string key, string text, string problem)
    {
        Edit("locales/en.json", root => root["strings"]![key] = text);

        Assert.Contains(Problems(), p => p.StartsWith($"flows/redflags.json: flow 'redflags', step '{key[2..]}': en \"{text}\" {problem}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_of_a_do_any_of_these_apply_list_that_joins_two_conditions_is_reported()
    {
        Edit("locales/zh-CN.json", root => root["strings"]!["q.rf_g5"] = "你有下面这些情况吗？\n\n- 一直在痛，而且夜里更重");

        Assert.Contains("flows/redflags.json: flow 'redflags', step 'rf_g5': zh-CN \"- 一直在痛，而且夜里更重\" joins two conditions in one question; ask them one at a time", Problems());
    }

    [Fact]
    public void A_warning_sign_question_without_not_sure_is_reported()
    {
        Edit("flows/assessment.json", root => Step(root, "foot_weak").Remove("allowUnsure"));

        Assert.Contains("flows/assessment.json: flow 'assessment', step 'foot_weak': a warning-sign question needs \"Not sure\" (allowUnsure)", Problems());
    }

    [Fact]
    public void A_level_whose_safety_net_names_no_number_is_reported()
    {
        Edit("locales/zh-CN.json", root => root["strings"]!["safety.L3"] = "如果情况加重，请就医。");

        Assert.Contains("locales/zh-CN.json: 'safety.L3' (safety net of L3) does not say which number to call ({number})", Problems());
    }

    [Fact]
    public void A_level_without_a_safety_net_is_reported()
    {
        Edit("redflags.json", root => root["levels"]![1]!["safetyNet"] = "");

        Assert.Contains("redflags.json: level 'L2': has no safetyNet", Problems());
    }

    [Theory]
    [InlineData("level.L4", "Please book an appointment with your GP.", "GP")]
    [InlineData("level.L2", "Please go to A&E now.", "A&E")]
    [InlineData("why.rf15", "The NHS lists this.", "NHS")]
    public void A_uk_service_named_to_every_english_user_is_reported(string key, string text, string service)
    {
        Edit("locales/en.json", root => root["strings"]![key] = text);

        Assert.Contains($"locales/en.json: '{key}' names a UK service ({service}) for every user; use {{gp}}/{{ed}} or a '.GB' key", Problems());
    }

    [Theory]
    [InlineData("q.leg_numb", "那条腿有刺痛吗？", "刺痛")]
    [InlineData("level.L4", "请预约全科医生。", "全科医生")]
    [InlineData("why.rf15", "英国国民医疗服务体系（NHS）把这列为信号。", "NHS")]
    [InlineData("ex.press-up.title", "背部伸展（俯卧撑起）", "俯卧撑")]
    [InlineData("group.welcome", "你好，我是危险信号检查助手。", "危险信号")]
    public void Chinese_that_patients_would_not_use_is_reported(string key, string text, string word)
    {
        Edit("locales/zh-CN.json", root => root["strings"]![key] = text);

        Assert.Contains(Problems(), p => p.StartsWith($"locales/zh-CN.json: '{key}' says '{word}'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bot_has_one_chinese_name()
    {
        Edit("locales/zh-CN.json", root => root["strings"]!["checkin.greeting"] = "早上好！BackCareBot来回访了。");

        Assert.Contains("locales/zh-CN.json: 'checkin.greeting' calls the bot BackCareBot; its Chinese name is 护腰助手", Problems());
    }

    [Fact]
    public void An_emergency_number_without_a_source_is_reported()
    {
        Edit("emergency.json", root => root["regions"]!.AsArray().Single(r => r!["region"]!.GetValue<string>() == "HK")!["sources"] = new JsonArray());

        Assert.Contains("emergency.json: region 'HK': has no source", Problems());
    }

    [Fact]
    public void An_exercise_rule_that_names_a_question_no_flow_asks_is_reported()
    {
        Edit("exercises.json", root => root["exercises"]!.AsArray().Single(e => e!["id"]!.GetValue<string>() == "EX-PRESS-UP")!["preferWhen"] = new JsonObject { ["answer"] = "directoin", ["is"] = "back" });

        Assert.Contains("exercises.json: exercise 'EX-PRESS-UP': a condition names 'directoin', which no flow asks", Problems());
    }

    [Fact]
    public void A_regional_wording_is_optional_in_other_languages_but_its_base_key_is_not()
    {
        Edit("locales/zh-CN.json", root => root["strings"]!.AsObject().Remove("place.ed"));

        var problems = Problems();
        Assert.Contains(problems, p => p.StartsWith("locales/zh-CN.json: missing translation for 'place.ed'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("'place.ed.GB'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_seed_is_followed_or_the_difference_is_documented_and_sourced()
    {
        var content = CareContent.Load(Repo.File("dialogs"));
        var en = content.Locales["en"].Strings;
        var zh = content.Locales["zh-CN"].Strings;
        var superman = content.Exercises.Exercises.Single(e => e.Seed == "A5");
        var scissors = content.Exercises.Exercises.Single(e => e.Seed == "A6");

        // A5: "as far as possible" became "a little", with the reason and its sources written down.
        Assert.Equal(superman.SeedChoice!.CardSays, superman.Steps.Single(s => en[s].Contains("a little", StringComparison.Ordinal)));
        Assert.NotEmpty(superman.SeedChoice.Sources);
        // A7: the seed's reason for strengthening is said on its cards.
        Assert.Contains("weak back muscles", en[superman.Title], StringComparison.Ordinal);
        Assert.Contains("weak deep tummy muscles", en[scissors.Title], StringComparison.Ordinal);
        // A6: scissor legs keeps "deep" and "slowly" in both languages.
        Assert.Contains("深层", zh[scissors.Title], StringComparison.Ordinal);
        Assert.Contains("slowly", en[scissors.Steps[^1]], StringComparison.Ordinal);
        Assert.Contains("慢慢", zh[scissors.Steps[^1]], StringComparison.Ordinal);
        Assert.Contains("小燕飞", zh[superman.Title], StringComparison.Ordinal);
        // "Once a day" only where the exercise is done once a day: the reply to "Done" on any card does not say it.
        Assert.DoesNotContain("once a day", en["exercise.done_reply"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("每天", zh["exercise.done_reply"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_red_flag_without_a_sign_in_the_concept_model_is_reported()
    {
        Edit("concepts.json", root => root["signs"]!.AsArray().Remove(root["signs"]!.AsArray().Single(s => s!["flag"]!.GetValue<string>() == "RF15")));

        Assert.Contains("concepts.json: red flag 'RF15' has no sign (give it the concepts that describe it)", Problems());
    }

    [Fact]
    public void A_sign_naming_an_unknown_concept_is_reported()
    {
        Edit("concepts.json", root => root["signs"]![0]!["clear"]![0]!.AsArray().Add("chestt"));

        Assert.Contains("concepts.json: sign 'RF01': unknown concept 'chestt'", Problems());
    }

    [Fact]
    public void A_concept_without_Chinese_words_is_reported()
    {
        Edit("concepts.json", root => root["concepts"]![0]!["zh-CN"] = new JsonArray());

        Assert.Contains("concepts.json: concept 'pain': has no Chinese words", Problems());
    }

    [Fact]
    public void Words_for_an_answer_the_question_does_not_have_are_reported()
    {
        Edit("answers.json", root => root["steps"]![0]!["values"]![0]!["value"] = "sofa");

        Assert.Contains("answers.json: step 'sleep_position': 'sofa' is not an answer of this question", Problems());
    }

    [Fact]
    public void A_yes_no_word_under_two_answers_or_not_written_as_read_is_reported()
    {
        Edit("answers.json", root =>
        {
            root["yesNo"]!["values"]![0]!["en"]!.AsArray().Add("nope");
            root["yesNo"]!["values"]![1]!["en"]!.AsArray().Add("No way!");
        });

        Assert.Contains("answers.json: yesNo: 'nope' is under both 'yes' and 'no'", Problems());
        Assert.Contains("answers.json: yesNo: 'No way!' is not written as messages are read (lower case, no punctuation): 'no way'", Problems());
    }

    [Fact]
    public void Words_also_used_for_a_question_with_other_answers_are_reported()
    {
        // sleep_position's words lent to the check-in's exercises question, whose answers are yes / some / no.
        Edit("answers.json", root => root["steps"]![0]!["also"] = new JsonArray("checkin_exercised"));

        Assert.Contains("answers.json: step 'sleep_position': also 'checkin_exercised' is not a question with the same answers", Problems());
    }

    [Fact]
    public void An_escalation_naming_an_unknown_red_flag_or_a_missing_source_is_reported()
    {
        Edit("programme.json", root =>
        {
            root["escalation"]![1]!["flag"] = "RF99";
            root["progression"]!["sources"] = new JsonArray("S999");
        });

        var problems = Problems();
        Assert.Contains("programme.json: escalation 'still_bad_6_weeks': unknown red flag 'RF99'", problems);
        Assert.Contains("programme.json: progression: unknown source 'S999'", problems);
    }

    [Fact]
    public async Task The_schema_keeps_progression_to_1_or_2_repeats_a_step()
    {
        Edit("programme.json", root => root["progression"]!["repsPerStep"] = 5);

        var (exitCode, output) = await NodeCheck.RunAsync(Repo.File("tools", "validate-content.js"), _copy);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("programme.json/progression/repsPerStep", output, StringComparison.Ordinal);
    }

    private List<string> Problems() => [.. ContentValidator.Validate(CareContent.Load(_copy))];

    private void Edit(string file, Action<JsonNode> change)
    {
        var path = Path.Combine(_copy, file);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        change(root);
        File.WriteAllText(path, root.ToJsonString());
    }

    private static JsonObject Step(JsonNode flow, string id) => flow["steps"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!.AsObject();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
