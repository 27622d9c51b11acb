using System.Diagnostics;
using System.Net.Http.Headers;

namespace BackCareBot.Load;

/// <summary>
/// C virtual users, each walking whole conversations (a new conversation id each time) turn by turn.
/// Turns that start after the warm-up and end before the deadline are measured; everything stops by itself
/// at the deadline or after <see cref="LoadSettings.MaxTurns"/> turns.
/// </summary>
public sealed class LoadRun(HttpClient client, LoadSettings settings)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _turns;
    private int _failures;
    private int _conversations;
    private int _reported;

    public async Task<LoadResult> RunAsync()
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var users = Enumerable.Range(0, settings.Users).Select(u => Task.Run(() => UserAsync(u, measureFrom, measureTo))).ToArray();
        var latencies = (await Task.WhenAll(users).ConfigureAwait(false)).SelectMany(l => l).ToArray();
        Array.Sort(latencies);
        return new LoadResult(settings, latencies, _failures, _conversations);
    }

    private async Task<List<long>> UserAsync(int user, long measureFrom, long measureTo)
    {
        var latencies = new List<long>(capacity: 16_384);
        for (var n = 0; Stopwatch.GetTimestamp() < measureTo && Interlocked.Read(ref _turns) < settings.MaxTurns; n++)
        {
            var conversation = $"{settings.Label}-{user}-{n}";
            var completed = true;
            for (var t = 0; t < Conversation.Turns.Count && completed; t++)
            {
                var (text, expected) = Conversation.Turns[t];
                var started = Stopwatch.GetTimestamp();
                if (started >= measureTo)
                {
                    return latencies;
                }

                completed = await TurnAsync(Conversation.Activity(conversation, $"user-{user}-{n}", $"{conversation}-{t}", text), expected).ConfigureAwait(false);
                var ended = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _turns);
                if (started >= measureFrom && ended <= measureTo)
                {
                    if (completed)
                    {
                        latencies.Add(ended - started);
                    }
                    else
                    {
                        Interlocked.Increment(ref _failures);
                    }
                }
            }

            if (completed)
            {
                Interlocked.Increment(ref _conversations);
            }
        }

        return latencies;
    }

    /// <summary>The first failure's reason goes to stderr, so a failing run says why without flooding the output.</summary>
    private void ReportFirstFailure(string reason)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            Console.Error.WriteLine($"{settings.Label}: first failure: {reason}");
        }
    }

    private async Task<bool> TurnAsync(byte[] body, byte[] expected)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(settings.Url, content).ConfigureAwait(false);
            var reply = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (response.IsSuccessStatusCode && Conversation.Answers(reply, expected))
            {
                return true;
            }

            ReportFirstFailure($"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(reply.AsSpan(0, Math.Min(reply.Length, 300)))}");
            return false;
        }
        catch (HttpRequestException e)
        {
            ReportFirstFailure(e.Message);
            return false;
        }
        catch (TaskCanceledException)
        {
            ReportFirstFailure("timed out");
            return false;
        }
    }
}
