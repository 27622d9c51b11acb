using System.Text.Json.Nodes;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Care.Conversation;

/// <summary>Something the bot says this turn; <see cref="CareSender"/> turns it into an activity for the channel.</summary>
internal abstract record Reply;

internal sealed record TextReply(string Text) : Reply;

/// <summary>A question with its answers as suggested-action buttons (labels already in the user's language).</summary>
internal sealed record ButtonsReply(string Text, IReadOnlyList<string> Labels) : Reply;

/// <summary>A card; <paramref name="RefreshData"/> lets Teams ask for its current view when it is shown again.</summary>
internal sealed record CardReply(AdaptiveCard Card, JsonObject? RefreshData = null) : Reply;

/// <summary>What a card action did to the card that was pressed; the invoke response (or a card update) says it.</summary>
internal abstract record CardOutcome
{
    /// <summary>The answer was taken: nothing else to show on the card.</summary>
    public static readonly CardOutcome Received = new CardReceived();

    /// <summary>The card is no longer the open question, or was answered already.</summary>
    public static readonly CardOutcome Stale = new CardStale();
}

/// <summary>The pressed card gives way to this one (an answered summary, a refreshed question).</summary>
internal sealed record CardReplaced(CardReply Card) : CardOutcome;

internal sealed record CardReceived : CardOutcome;

internal sealed record CardStale : CardOutcome;

/// <summary>The action cannot be done (an unknown verb): a 400 with the reason.</summary>
internal sealed record CardError(string Message) : CardOutcome;

/// <summary>A short message shown in place of the card's answer (e.g. "let's talk in a personal chat").</summary>
internal sealed record CardNotice(string Text) : CardOutcome;
