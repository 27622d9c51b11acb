using Microsoft.Extensions.Options;

namespace BackCareBot.Web.DirectLine;

/// <summary>Forgets idle Direct Line conversations in the background so memory stays bounded without traffic.</summary>
public sealed class DirectLineConversationSweeper(DirectLineConversationStore store, IOptions<DirectLineOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, options.Value.IdleExpiry.Ticks / 4));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            store.Trim(time.GetUtcNow());
        }
    }
}
