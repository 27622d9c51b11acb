using System.Globalization;
using System.Threading.Channels;
using BackCareBot.Protocol.DirectLine;
using BackCareBot.Protocol.Schema;

namespace BackCareBot.Web.DirectLine;

/// <summary>
/// One Direct Line conversation: the ordered activities (users' and bot's) with a watermark each, and the open
/// WebSocket streams that get new ones pushed. An update appends the new version and hides the old one, so both
/// polling clients (watermark) and Web Chat (replaces an activity with the same id) see it.
/// </summary>
public sealed class DirectLineConversationLog
{
    private readonly List<Entry> _entries = [];
    private readonly List<Channel<ActivitySet>> _streams = [];
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private long _watermark;
    private long _lastUsedTicks;
    private int _nextId;

    public DirectLineConversationLog(string id, string userId, int capacity, DateTimeOffset now)
    {
        Id = id;
        UserId = userId;
        _capacity = capacity;
        _lastUsedTicks = now.UtcTicks;
    }

    public string Id { get; }

    public string UserId { get; }

    public DateTimeOffset LastUsed => new(Volatile.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Volatile.Write(ref _lastUsedTicks, now.UtcTicks);

    /// <summary>A server id for the next activity, in Direct Line's "conversationId|0000001" form.</summary>
    public string NextActivityId() =>
        Id + "|" + Interlocked.Increment(ref _nextId).ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Stores an activity (replacing an earlier one with the same id) and pushes it to open streams.</summary>
    public void Append(Activity activity)
    {
        lock (_lock)
        {
            _entries.RemoveAll(e => e.Activity.Id == activity.Id);
            _entries.Add(new Entry(++_watermark, activity));
            if (_entries.Count > _capacity)
            {
                _entries.RemoveAt(0);
            }

            Push(new ActivitySet { Activities = [activity], Watermark = Format(_watermark) });
        }
    }

    /// <summary>Pushes an activity to open streams only (typing indicators are not kept).</summary>
    public void Signal(Activity activity)
    {
        lock (_lock)
        {
            Push(new ActivitySet { Activities = [activity] });
        }
    }

    public bool Remove(string activityId)
    {
        lock (_lock)
        {
            return _entries.RemoveAll(e => e.Activity.Id == activityId) > 0;
        }
    }

    /// <summary>Activities after the watermark (all for null, "-" or garbage) and the watermark to ask from next.</summary>
    public ActivitySet Since(string? watermark)
    {
        lock (_lock)
        {
            return SinceLocked(Parse(watermark));
        }
    }

    /// <summary>Opens a stream: the activities after the watermark first, then every new one.</summary>
    public ChannelReader<ActivitySet> Subscribe(string? watermark, out Action unsubscribe)
    {
        var channel = Channel.CreateBounded<ActivitySet>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
        {
            var backlog = SinceLocked(Parse(watermark));
            if (backlog.Activities.Count > 0)
            {
                channel.Writer.TryWrite(backlog);
            }

            _streams.Add(channel);
        }

        unsubscribe = () =>
        {
            lock (_lock)
            {
                _streams.Remove(channel);
            }

            channel.Writer.TryComplete();
        };
        return channel.Reader;
    }

    /// <summary>Ends every open stream (the conversation is being forgotten).</summary>
    public void Close()
    {
        lock (_lock)
        {
            foreach (var stream in _streams)
            {
                stream.Writer.TryComplete();
            }

            _streams.Clear();
        }
    }

    private ActivitySet SinceLocked(long after) => new()
    {
        Activities = [.. _entries.Where(e => e.Watermark > after).Select(e => e.Activity)],
        Watermark = Format(_watermark),
    };

    private void Push(ActivitySet set)
    {
        foreach (var stream in _streams)
        {
            stream.Writer.TryWrite(set);
        }
    }

    private static long Parse(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string Format(long watermark) => watermark.ToString(CultureInfo.InvariantCulture);

    private sealed record Entry(long Watermark, Activity Activity);
}
