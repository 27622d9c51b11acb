namespace BackCareBot.Protocol.Turns;

/// <summary>The bot's logic: called once per incoming activity, one turn at a time per conversation.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>Runs around every turn (logging, telemetry, ...); calls <c>next</c> to continue the pipeline.</summary>
public interface ITurnMiddleware
{
    Task OnTurnAsync(TurnContext turn, Func<Task> next, CancellationToken cancellationToken);
}
