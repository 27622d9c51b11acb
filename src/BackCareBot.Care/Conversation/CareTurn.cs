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

    /// <summary>The question of the card answer accepted this turn, shown above the answer in the summary.</summary>
    public string? AcceptedCardQuestion { get; set; }

    /// <summary>The card that replaces the one the user answered this turn (invoke response or Connector update).</summary>
    public Protocol.Cards.AdaptiveCard? ReplacementCard { get; set; }

    /// <summary>A failed invoke (an unknown verb): answered with <c>application/vnd.microsoft.error</c>.</summary>
    public string? InvokeError { get; set; }

    public bool StaleCard { get; set; }

    /// <summary>Set by "forget me": the turn deletes the stored state instead of saving it.</summary>
    public bool Forget { get; set; }
}
