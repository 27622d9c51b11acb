using BackCareBot.Protocol.Schema;

namespace BackCareBot.Web.Bot;

/// <summary>Error answers in the Bot Connector's shape (<c>{"error":{"code","message"}}</c>), for /api/messages and Direct Line alike.</summary>
public static class ErrorResults
{
    public static ErrorResponse Body(string code, string message) => new() { Error = new Error { Code = code, Message = message } };

    public static IResult Problem(int status, string code, string message) =>
        Results.Json(Body(code, message), ProtocolJsonContext.Default.ErrorResponse, statusCode: status);

    /// <summary>With the code the Connector uses for the status.</summary>
    public static IResult Problem(int status, string message) => Problem(status, CodeFor(status), message);

    private static string CodeFor(int status) => status switch
    {
        401 => "Unauthorized",
        413 => "MessageSizeTooBig",
        415 => "UnsupportedMediaType",
        502 => "BadGateway",
        _ => "BadRequest",
    };
}
