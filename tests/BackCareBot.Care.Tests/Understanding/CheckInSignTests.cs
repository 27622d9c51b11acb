namespace BackCareBot.Care.Tests.Understanding;

/// <summary>The morning check-in reads typed messages for warning signs first, like every other point of the conversation.</summary>
public sealed class CheckInSignTests
{
    [Fact]
    public async Task A_warning_sign_typed_at_the_check_in_is_routed_not_taken_as_the_answer()
    {
        var bot = new ConversationDriver();
        await bot.SayAllAsync(["hi", "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither", "5", "no", "no", "yes"]);
        var greeting = await bot.CheckInsDueAsync(new DateTimeOffset(2026, 11, 25, 8, 0, 30, TimeSpan.Zero));
        Assert.Contains("how bad is your back pain this morning", greeting[1].Visible, StringComparison.Ordinal);

        var replies = await bot.SayAsync("worse, and now both my legs have gone numb");

        var text = string.Join("\n", replies.Select(r => r.Visible));
        Assert.Contains("A&E", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Worse — got it", text, StringComparison.Ordinal);
        Assert.Empty(replies.SelectMany(r => r.Exercises));
    }
}
