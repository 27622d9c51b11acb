using BackCareBot.Care.State;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// One turn's view of the conversation: the activity and what the user gave (read once), the state, the language
/// and country, and the replies the turn will send. Handlers add replies; <see cref="CareSender"/> sends them.
/// </summary>
internal sealed class CareTurn(Activity activity, UserInput input, CareState state, string locale, string? country) : IFlowTurn
{
    public Activity Activity { get; } = activity;

    public UserInput Input { get; private set; } = input;

    public CareState State { get; } = state;

    /// <summary>The language of this turn's replies; "English"/"中文" changes it mid-turn.</summary>
    public string Locale { get; set; } = locale;

    public string? Country { get; } = country;

    /// <summary>The replies to send, in order, once the turn's state is saved.</summary>
    public List<Reply> Replies { get; } = [];

    /// <summary>Set by "forget me": the turn deletes the stored state instead of saving it.</summary>
    public bool Forgotten { get; private set; }

    public void Say(string text) => Replies.Add(new TextReply(text));

    public void Forget() => Forgotten = true;

    /// <summary>Takes an answer heard earlier and confirmed with "yes" as the answer to the open question, as a button would give it.</summary>
    public void TakeHeard(string value) => Input = Input with { CardValue = value };
}
