using BackCareBot.Care.Understanding;

namespace BackCareBot.Care.Tests.Understanding;

/// <summary>
/// What a message that describes the problem gives before its questions are asked: only words that name their
/// context, time spans with a number, and a score marked as one; an out-of-context word ("my back", "side") gives nothing.
/// </summary>
public sealed class HeardAnswerTests
{
    private static readonly TypedAnswers Typed = new(ConversationDriver.Content);

    [Theory]
    [InlineData("my back hurts when I wake up", "")]
    [InlineData("I sleep on my side", "sleep_position=side")]
    [InlineData("side sleeper, and the left side of my back hurts", "sleep_position=side pain_area=one_side")]
    [InlineData("I don't sleep on my back", "")]
    [InlineData("pain in the middle of my back, about a 6", "pain_area=centre pain_now=6")]
    [InlineData("it's a 6 or 7 most mornings", "pain_now=7")]
    [InlineData("stiff for 2 hours and I walk a 5 minute loop", "stiffness=over60")]
    [InlineData("I'm 45 and have had 3 kids", "")]
    [InlineData("been going on for years, 8/10 today", "pain_now=8 duration=over3m")]
    [InlineData("腰疼，早上起来最厉害", "")]
    [InlineData("我习惯趴着睡，腰的右边疼，大概七分", "sleep_position=stomach pain_area=one_side pain_now=7")]
    [InlineData("十分疼，起床要五分钟", "stiffness=under30")]
    [InlineData("腰疼好几年了", "duration=over3m")]
    public void A_message_gives_only_the_answers_it_states_in_context(string text, string expected)
    {
        var heard = Typed.Heard(text, new Dictionary<string, string>());

        Assert.Equal(expected, string.Join(' ', TypedAnswers.HeardSteps.Where(heard.ContainsKey).Select(s => $"{s}={heard[s]}")));
    }

    [Fact]
    public void An_answered_question_is_not_heard_again()
    {
        var heard = Typed.Heard("I sleep on my side, about a 6", new Dictionary<string, string> { ["sleep_position"] = "back" });

        Assert.Equal(["pain_now"], heard.Keys);
    }
}
