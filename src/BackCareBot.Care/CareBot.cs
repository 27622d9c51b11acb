using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Care;

/// <summary>The back-care bot: greets people when it is added or when they say hello.</summary>
public sealed class CareBot : IBot
{
    internal const string Greeting =
        "Hello, I'm BackCareBot. If your lower back is sore when you wake up, I can ask a few questions about how you sleep " +
        "and where it hurts, check for warning signs that need a doctor, and suggest sleeping positions and gentle exercises. " +
        "I give self-care information, not a diagnosis. If you have severe pain, numbness around your bottom or genitals, " +
        "or problems peeing, get medical help now.";

    private static readonly string[] Hellos = ["hi", "hello", "hey", "start", "你好", "您好", "开始"];

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.IsType(ActivityTypes.ConversationUpdate) && BotWasAdded(activity))
        {
            await turn.SendTextAsync(Greeting, cancellationToken);
        }
        else if (activity.IsType(ActivityTypes.Message) && IsHello(activity.Text))
        {
            await turn.SendTextAsync(Greeting, cancellationToken);
        }
    }

    private static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Exists(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true;

    private static bool IsHello(string? text)
    {
        var word = text?.Trim().TrimEnd('!', '.', '！', '。').ToLowerInvariant();
        return word is not null && Array.IndexOf(Hellos, word) >= 0;
    }
}
