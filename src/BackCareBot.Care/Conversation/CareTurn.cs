using BackCareBot.Care.State;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Care.Conversation;

/// <summary>One turn's view of the conversation: its state, language and country, and what happened to card answers.</summary>
internal sealed class CareTurn(TurnContext turn, CareState state, string locale, string? country)
{
    public TurnContext Turn { get; } = turn;

    public CareState State { get; } = state;

    public string Locale { get; set; } = locale;

    public string? Country { get; } = country;

    /// <summary>The label of the card answer accepted this turn, for the summary that replaces the card.</summary>
    public string? AcceptedCardAnswer { get; set; }

    public bool StaleCard { get; set; }

    /// <summary>Set by "forget me": the turn deletes the stored state instead of saving it.</summary>
    public bool Forget { get; set; }
}
