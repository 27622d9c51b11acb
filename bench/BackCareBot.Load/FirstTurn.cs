using System.Diagnostics;
using System.Net.Http.Headers;

namespace BackCareBot.Load;

/// <summary>
/// Time to the first answered turn: posts the first activity every 10 ms until the bot answers it correctly,
/// then prints the milliseconds since <c>--since</c> (Unix ms, taken just before the process was started).
/// Gives up after 60 s.
/// </summary>
public static class FirstTurn
{
    public static async Task<int> RunAsync(HttpClient client, Uri url, long sinceUnixMs)
    {
        var (text, expected) = Conversation.Turns[0];
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        for (var attempt = 0; Stopwatch.GetTimestamp() < deadline; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(Conversation.Activity("first", "first-user", $"first-{attempt}", text));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(url, content).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && Conversation.Answers(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false), expected))
                {
                    Console.WriteLine(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sinceUnixMs);
                    return 0;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        Console.Error.WriteLine("The first turn was not answered within 60 s.");
        return 1;
    }
}
