using BackCareBot.Protocol.Turns;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>A bot that counts its turns, notes how many ran at once, and can hold each turn open for a while.</summary>
public sealed class RecordingBot : IBot
{
    private int _running;
    private int _turns;
    private int _mostAtOnce;

    public TimeSpan TurnLength { get; init; }

    public int Turns => Volatile.Read(ref _turns);

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _turns);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _mostAtOnce)) < now && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) != seen)
        {
        }

        try
        {
            await Task.Delay(TurnLength, cancellationToken);
            await turn.SendTextAsync("ok", cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
