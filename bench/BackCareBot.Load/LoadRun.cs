using System.Diagnostics;
using System.Net.Http.Headers;

namespace BackCareBot.Load;

/// <summary>
/// C virtual users, each walking whole scripted conversations (a new conversation and user id each time) turn by
/// turn. A turn is the bot's /api/messages call: it is answered once the bot has posted its replies to the
/// Connector stand-in, and one of those replies must hold the turn's expected phrase. Turns that start after the
/// warm-up and end before the deadline are measured, and so are conversations that do both.
/// </summary>
public sealed class LoadRun(HttpClient client, LoadSettings settings, Script script, ConnectorStandIn connector)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _turns;
    private int _failures;
    private int _allFailures;
    private int _reported;
    private long _replies;
    private long _replyBytes;

    public async Task<LoadResult> RunAsync()
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var users = Enumerable.Range(0, settings.Users).Select(u => Task.Run(() => UserAsync(u, measureFrom, measureTo))).ToArray();
        var window = settings.BotPid is { } pid ? SteadyCpuAsync(pid, measureFrom, measureTo) : Task.FromResult<SteadyCpu?>(null);
        var results = await Task.WhenAll(users).ConfigureAwait(false);
        var steady = await window.ConfigureAwait(false);
        var samples = results.SelectMany(r => r.Turns).ToArray();
        var turns = samples.Select(s => s.Ticks).ToArray();
        var conversations = results.SelectMany(r => r.Conversations).ToArray();
        Array.Sort(turns);
        Array.Sort(conversations);
        var steps = Enumerable.Range(0, script.Turns.Count).Select(t => samples.Where(s => s.Step == t).Select(s => s.Ticks).Order().ToArray()).ToArray();
        if (settings.SamplesPath is { } path)
        {
            WriteSamples(path, samples, measureFrom);
        }

        return new LoadResult(settings, script.Turns.Count, turns, conversations, _failures, Volatile.Read(ref _allFailures), Interlocked.Read(ref _replies), Interlocked.Read(ref _replyBytes), Interlocked.Read(ref _turns), steady, steps);
    }

    /// <summary>Every measured turn as CSV (user, step, start and end ms since the measured window began, latency ms), sorted by start.</summary>
    private static void WriteSamples(string path, TurnSample[] samples, long measureFrom)
    {
        static string Ms(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        using var writer = new StreamWriter(path);
        writer.WriteLine("user,step,startMs,endMs,ms");
        foreach (var s in samples.OrderBy(s => s.Started))
        {
            writer.WriteLine($"{s.User},{s.Step + 1},{Ms(s.Started - measureFrom)},{Ms(s.Started + s.Ticks - measureFrom)},{Ms(s.Ticks)}");
        }
    }

    private async Task<(List<TurnSample> Turns, List<long> Conversations)> UserAsync(int user, long measureFrom, long measureTo)
    {
        var turns = new List<TurnSample>(capacity: 16_384);
        var conversations = new List<long>(capacity: 1_024);
        for (var n = 0; Stopwatch.GetTimestamp() < measureTo && Interlocked.Read(ref _turns) < settings.MaxTurns; n++)
        {
            var conversation = TeamsIds.Conversation(settings.Label, user, n);
            var completed = true;
            string? run = null;
            var began = Stopwatch.GetTimestamp();
            for (var t = 0; t < script.Turns.Count && completed; t++)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measureTo)
                {
                    connector.Forget(conversation);
                    return (turns, conversations);
                }

                var (ok, replies, bytes, lastRun) = await TurnAsync(conversation, script.Activity(t, conversation, TeamsIds.User(settings.Label, user, n), TeamsIds.Activity(settings.Label, user, n, t), run), t, run).ConfigureAwait(false);
                completed = ok;
                run = lastRun;
                if (!ok)
                {
                    Interlocked.Increment(ref _allFailures);
                }

                var ended = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _turns);
                if (started >= measureFrom && ended <= measureTo)
                {
                    if (completed)
                    {
                        turns.Add(new TurnSample(user, t, started, ended - started));
                        Interlocked.Add(ref _replies, replies);
                        Interlocked.Add(ref _replyBytes, bytes);
                    }
                    else
                    {
                        Interlocked.Increment(ref _failures);
                    }
                }
            }

            connector.Forget(conversation);
            var finished = Stopwatch.GetTimestamp();
            if (completed && began >= measureFrom && finished <= measureTo)
            {
                conversations.Add(finished - began);
            }
        }

        return (turns, conversations);
    }

    /// <summary>
    /// The bot's CPU over the measured window only (after the warm-up, so without the JIT's start-up work), and the
    /// turns that ended in it: every turn counted once it ends, so the two are taken at the same instants.
    /// </summary>
    private async Task<SteadyCpu?> SteadyCpuAsync(int pid, long measureFrom, long measureTo)
    {
        await Task.Delay(Until(measureFrom)).ConfigureAwait(false);
        var (cpuFrom, turnsFrom) = (ProcessCpu.Milliseconds(pid), Interlocked.Read(ref _turns));
        await Task.Delay(Until(measureTo)).ConfigureAwait(false);
        var (cpuTo, turnsTo) = (ProcessCpu.Milliseconds(pid), Interlocked.Read(ref _turns));
        return cpuFrom is { } from && cpuTo is { } to ? new SteadyCpu(to - from, turnsTo - turnsFrom) : null;
    }

    /// <summary>The time left until a timestamp; none when it has passed (a run with no warm-up starts measuring at once).</summary>
    private static TimeSpan Until(long timestamp) =>
        Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>The first failure's reason goes to stderr, so a failing run says why without flooding the output.</summary>
    private void ReportFirstFailure(string reason)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            Console.Error.WriteLine($"{settings.Label}: first failure: {reason}");
        }
    }

    private async Task<(bool Ok, int Replies, long Bytes, string? Run)> TurnAsync(string conversation, byte[] body, int turn, string? run)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(settings.Url, content).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var replies = connector.Take(conversation);
            // An invoke is answered first (the card that replaces the pressed one); the replies follow it.
            var until = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
            while (script.Turns[turn].Invoke && response.IsSuccessStatusCode && !script.Turns[turn].AnsweredBy(replies)
                && Stopwatch.GetTimestamp() < until && await connector.ArrivedAsync(conversation, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until)).ConfigureAwait(false))
            {
                replies.AddRange(connector.Take(conversation));
            }

            if (response.IsSuccessStatusCode && script.Turns[turn].AnsweredBy(replies))
            {
                return (true, replies.Count, replies.Sum(r => (long)r.Length), Script.LastRun(replies, run));
            }

            var seen = string.Join(" | ", replies.Select(r => System.Text.Encoding.UTF8.GetString(r.AsSpan(0, Math.Min(r.Length, 400)))));
            ReportFirstFailure($"turn {turn + 1}: HTTP {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(answer.Length, 200)))}; " +
                $"expected \"{script.Turns[turn].ExpectedText}\" in {replies.Count} replies: {seen}");
            return (false, replies.Count, 0, run);
        }
        catch (HttpRequestException e)
        {
            ReportFirstFailure(e.Message);
            return (false, 0, 0, run);
        }
        catch (TaskCanceledException)
        {
            ReportFirstFailure("timed out");
            return (false, 0, 0, run);
        }
    }
}

/// <summary>One measured turn: the virtual user, the script step (0-based), its start (Stopwatch timestamp) and latency (ticks).</summary>
public readonly record struct TurnSample(int User, int Step, long Started, long Ticks);
