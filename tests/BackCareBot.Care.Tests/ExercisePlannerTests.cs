using BackCareBot.Care.Advice;
using BackCareBot.Care.Content;
using BackCareBot.Care.State;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests;

/// <summary>Exercise choice and dose (clinical.md 4.2 and 7), from the shipped exercises.json.</summary>
public sealed class ExercisePlannerTests
{
    private static readonly CareContent Content = CareContent.Load(Repo.File("dialogs"));
    private readonly ExercisePlanner _planner = new(Content);

    private IReadOnlyList<PlannedExercise> Plan(params (string Step, string Answer)[] answers) =>
        _planner.Plan(answers.ToDictionary(a => a.Step, a => a.Answer), "L5", 0);

    private static IEnumerable<string> Ids(IEnumerable<PlannedExercise> plan) => plan.Select(p => p.Exercise.Id);

    [Fact]
    public void A_missing_pain_score_means_the_gentle_dose_with_rests_never_the_standard_one()
    {
        var plan = Plan(("pain_area", "centre"));

        Assert.NotEmpty(plan);
        Assert.All(plan, p => Assert.True(p.Gentle, $"{p.Exercise.Id} was planned at the standard dose"));
        Assert.All(plan, p => Assert.Equal(p.Exercise.Dose.Gentle!.Reps, p.Dose.Reps));
        Assert.All(plan, p => Assert.True(p.Dose.RestSeconds >= 10, $"{p.Exercise.Id}: no rest between movements"));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("5")]
    [InlineData("6")]
    [InlineData("8")]
    public void From_a_pain_of_4_every_exercise_has_a_rest_between_movements_and_a_short_hold(string pain)
    {
        var plan = Plan(("pain_now", pain), ("direction", "back"));

        Assert.NotEmpty(plan);
        Assert.All(plan, p => Assert.True(p.Dose.RestSeconds >= 10, $"{p.Exercise.Id} at pain {pain}: rest {p.Dose.RestSeconds} s"));
        Assert.All(plan, p => Assert.True(p.Dose.HoldSeconds <= 2, $"{p.Exercise.Id} at pain {pain}: hold {p.Dose.HoldSeconds} s"));
    }

    [Fact]
    public void At_low_pain_the_standard_dose_is_kept()
    {
        var plan = Plan(("pain_now", "2"));

        Assert.All(plan, p => Assert.False(p.Gentle));
        Assert.Equal(5, plan.Single(p => p.Exercise.Id == "EX-SUPERMAN").Dose.HoldSeconds);
    }

    [Fact]
    public void Every_exercise_in_the_catalogue_is_chosen_for_someone()
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var direction in new[] { "forward", "back", "neither" })
        {
            foreach (var area in new[] { "centre", "one_side", "buttock", "above_knee", "below_knee" })
            {
                chosen.UnionWith(Ids(Plan(("pain_now", "2"), ("direction", direction), ("pain_area", area))));
            }
        }

        Assert.Equal(Content.Exercises.Exercises.Select(e => e.Id).Order(StringComparer.Ordinal), chosen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_seeds_three_come_first_when_they_suit()
    {
        var plan = Ids(Plan(("pain_now", "2"), ("direction", "forward"), ("pain_area", "centre"))).ToList();

        Assert.Equal(["EX-KNEE-ROLL", "EX-SUPERMAN", "EX-DEADBUG"], plan.Take(3));
        Assert.Equal(["EX-KNEE-CHEST", "EX-CHILD"], plan.Skip(3));
    }

    [Fact]
    public void The_press_up_needs_arching_back_to_ease_the_pain_not_moving_alone()
    {
        Assert.DoesNotContain("EX-PRESS-UP", Ids(Plan(("pain_now", "2"), ("moving_eases", "yes"), ("direction", "neither"))));
        Assert.DoesNotContain("EX-PRESS-UP", Ids(Plan(("pain_now", "2"), ("moving_eases", "yes"), ("direction", "forward"))));
        Assert.Contains("EX-PRESS-UP", Ids(Plan(("pain_now", "2"), ("moving_eases", "no"), ("direction", "back"))));
    }

    [Fact]
    public void No_extension_for_an_over_50_whose_leg_pain_comes_with_walking_and_eases_on_sitting()
    {
        var plan = Ids(Plan(("pain_now", "2"), ("age", "50plus"), ("pain_area", "above_knee"), ("walk_leg", "yes"), ("sit_eases", "yes"), ("direction", "back"))).ToList();

        Assert.DoesNotContain("EX-PRESS-UP", plan);
        Assert.DoesNotContain("EX-CAT-COW", plan);
        Assert.DoesNotContain("EX-SUPERMAN", plan);
        Assert.Contains("EX-PRESS-UP", Ids(Plan(("pain_now", "2"), ("age", "50plus"), ("pain_area", "above_knee"), ("walk_leg", "yes"), ("sit_eases", "no"), ("direction", "back"))));
    }

    [Fact]
    public void No_twisting_or_pulling_into_a_bend_with_known_osteoporosis()
    {
        var plan = Ids(Plan(("pain_now", "2"), ("rf_osteo", "yes"), ("direction", "forward"))).ToList();

        Assert.DoesNotContain("EX-KNEE-ROLL", plan);
        Assert.DoesNotContain("EX-KNEE-CHEST", plan);
        Assert.NotEmpty(plan);
    }

    [Fact]
    public void It_hurts_replaces_the_exercise_by_its_regression_in_every_later_plan()
    {
        var answers = new Dictionary<string, string> { ["pain_now"] = "2", ["direction"] = "neither" };
        var progress = new ExerciseProgress { Replaced = ["EX-SUPERMAN"] };

        var plan = Ids(_planner.Plan(answers, "L5", 0, progress)).ToList();

        Assert.DoesNotContain("EX-SUPERMAN", plan);
        // The bird dog takes the superman's place among the seed's exercises.
        Assert.Equal(["EX-KNEE-ROLL", "EX-BIRD-DOG", "EX-DEADBUG"], plan.Take(3));
        // Hurting again: the bird dog gives way to scissor legs' own regression chain, never back to the superman.
        progress.Replaced.Add("EX-BIRD-DOG");
        Assert.DoesNotContain("EX-BIRD-DOG", Ids(_planner.Plan(answers, "L5", 0, progress)));
        Assert.DoesNotContain("EX-SUPERMAN", Ids(_planner.Plan(answers, "L5", 0, progress)));
    }

    [Fact]
    public void Too_hard_steps_that_exercise_down_and_three_dones_step_it_up()
    {
        var answers = new Dictionary<string, string> { ["pain_now"] = "2" };
        PlannedExercise Deadbug(ExerciseProgress progress) => _planner.Plan(answers, "L5", 0, progress).Single(p => p.Exercise.Id == "EX-DEADBUG");

        var stepped = Deadbug(new ExerciseProgress { SteppedDown = ["EX-DEADBUG"] });
        Assert.True(stepped.Gentle);
        Assert.Equal(3, stepped.Dose.Reps);
        Assert.Equal(5, Deadbug(new ExerciseProgress { Done = new() { ["EX-DEADBUG"] = 2 } }).Dose.Reps);
        Assert.Equal(7, Deadbug(new ExerciseProgress { Done = new() { ["EX-DEADBUG"] = 3 } }).Dose.Reps);
        Assert.Equal(9, Deadbug(new ExerciseProgress { Done = new() { ["EX-DEADBUG"] = 12 } }).Dose.Reps);
        // Only the exercise that got the feedback changes.
        Assert.Equal(5, _planner.Plan(answers, "L5", 0, new ExerciseProgress { Done = new() { ["EX-DEADBUG"] = 3 } }).Single(p => p.Exercise.Id == "EX-SUPERMAN").Dose.Reps);
    }
}
