using System.Text;

namespace BackCareBot.Load;

/// <summary>The benchmark waterfall as the user walks it: what they type, and how the reply to it must start.</summary>
public static class Conversation
{
    public static readonly IReadOnlyList<(string Text, byte[] ExpectedReply)> Turns =
    [
        ("hi", Expect("May I ask you a few questions about your back?")),
        ("yes", Expect("How do you usually sleep?")),
        ("side", Expect("How bad is the pain when you wake up, from 0 to 10?")),
        ("6", Expect("Does moving around ease it?")),
        ("yes", Expect("Where does it hurt most?")),
        ("lower back", Expect("Thanks. You sleep: Side; pain 6/10; eases with movement; area: Lower back.")),
    ];

    /// <summary>One message activity with expectReplies (ids are plain ASCII made by the caller, so no escaping).</summary>
    public static byte[] Activity(string conversationId, string userId, string activityId, string text) =>
        Encoding.UTF8.GetBytes(
            $$"""{"type":"message","id":"{{activityId}}","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","locale":"en-US","from":{"id":"{{userId}}","name":"load"},"recipient":{"id":"bot","name":"bot"},"conversation":{"id":"{{conversationId}}"},"text":"{{text}}"}""");

    /// <summary>True when the expectReplies body holds a message whose text starts with the expected words.</summary>
    public static bool Answers(ReadOnlySpan<byte> body, byte[] expected) => body.IndexOf(expected) >= 0;

    private static byte[] Expect(string text) => Encoding.UTF8.GetBytes($"\"text\":\"{text}");
}
