using System.Text.Json;

namespace BackCareBot.Protocol.Schema;

/// <summary>The bodies of an <c>adaptiveCard/action</c> invoke response: a card, a short message, or an error.</summary>
public static class InvokeResponses
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>The card that replaces the one the user pressed.</summary>
    public static InvokeResponse Card(JsonElement card) => Of(new AdaptiveCardInvokeResponse { StatusCode = 200, Type = CardType, Value = card });

    /// <summary>A short message Teams shows under the card.</summary>
    public static InvokeResponse Message(string text) =>
        Of(new AdaptiveCardInvokeResponse { StatusCode = 200, Type = MessageType, Value = JsonSerializer.SerializeToElement(text, ProtocolJsonContext.Default.String) });

    /// <summary>A refused action, with the status it is answered with (400 for an unknown verb).</summary>
    public static InvokeResponse Error(int status, string code, string message) => Of(new AdaptiveCardInvokeResponse
    {
        StatusCode = status,
        Type = ErrorType,
        Value = JsonSerializer.SerializeToElement(new Error { Code = code, Message = message }, ProtocolJsonContext.Default.Error),
    });

    private static InvokeResponse Of(AdaptiveCardInvokeResponse body) =>
        new() { Status = body.StatusCode, Body = JsonSerializer.SerializeToElement(body, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse) };
}
