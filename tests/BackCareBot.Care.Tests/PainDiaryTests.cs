using System.Text.Json;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;
using Xunit;

namespace BackCareBot.Care.Tests;

public sealed class PainDiaryTests
{
    private static readonly DateOnly Start = new(2026, 11, 2);

    [Fact]
    public void Every_answer_of_a_day_reads_back_as_recorded()
    {
        var plan = new CheckInPlan { StartedOn = Start };
        PainDiary.Record(plan, Start.AddDays(1), 10, "worse", "over60", "stomach", "no");
        PainDiary.Record(plan, Start.AddDays(3), 3, "better", "under30", "side", "some");

        Assert.Equal(
            [new DiaryDay(Start.AddDays(1), 10, "worse", "over60", "stomach", "no"), new DiaryDay(Start.AddDays(3), 3, "better", "under30", "side", "some")],
            PainDiary.Days(plan));
        Assert.Equal(".X.3", plan.Pain);
    }

    [Fact]
    public void An_answer_not_given_keeps_what_that_day_has_and_an_unknown_value_is_stored_as_none()
    {
        var plan = new CheckInPlan { StartedOn = Start };
        PainDiary.Record(plan, Start, 5, "same", "30to60", "back", "yes");
        PainDiary.Record(plan, Start, 4, null, stiffness: null, slept: "somewhere", exercised: null);

        Assert.Equal(new DiaryDay(Start, 4, "same", "30to60", "", "yes"), Assert.Single(PainDiary.Days(plan)));
    }

    [Fact]
    public void Every_combination_of_the_mornings_answers_reads_back_and_takes_one_unescaped_character_of_the_stored_state()
    {
        var plan = new CheckInPlan { StartedOn = Start };
        List<DiaryDay> expected = [];
        var day = 0;
        foreach (var stiffness in new[] { "", "under30", "30to60", "over60" })
        {
            foreach (var slept in new[] { "", "back", "side", "stomach", "varies" })
            {
                foreach (var exercised in new[] { "", "yes", "some", "no" })
                {
                    PainDiary.Record(plan, Start.AddDays(day), day % 11, "same", stiffness, slept, exercised);
                    expected.Add(new DiaryDay(Start.AddDays(day++), (day - 1) % 11, "same", stiffness, slept, exercised));
                }
            }
        }

        Assert.Equal(expected, PainDiary.Days(plan));
        Assert.Equal(80, plan.Morning.Distinct().Count());
        var json = JsonSerializer.Serialize(new CareState { CheckIn = plan }, CareStateJsonContext.Default.CareState);
        Assert.Contains($"\"morning\":\"{plan.Morning}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_outside_the_programme_and_scores_outside_0_to_10_are_not_recorded()
    {
        var plan = new CheckInPlan { StartedOn = Start };
        PainDiary.Record(plan, Start.AddDays(-1), 5, "same");
        PainDiary.Record(plan, Start.AddDays(CheckInSchedule.ProgrammeDays), 5, "same");
        PainDiary.Record(plan, Start, 11, "same");

        Assert.Empty(PainDiary.Days(plan));
    }
}
