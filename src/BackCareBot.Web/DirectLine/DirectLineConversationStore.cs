using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.DirectLine;

/// <summary>
/// Direct Line conversations in memory: at most <see cref="DirectLineOptions.MaxConversations"/> (the least
/// recently used goes first) and each forgotten after <see cref="DirectLineOptions.IdleExpiry"/> without use.
/// The bot's own state lives in its store; only the chat transcript shown by Web Chat is lost on restart.
/// </summary>
public sealed class DirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, DirectLineConversationLog> _conversations = new(StringComparer.Ordinal);
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;

    public DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
    }

    public int Count => _conversations.Count;

    /// <summary>The conversation, or a new one for this user if it does not exist; <c>created</c> says which.</summary>
    public DirectLineConversationLog GetOrCreate(string id, string userId, out bool created)
    {
        var now = _time.GetUtcNow();
        DirectLineConversationLog? made = null;
        var log = _conversations.GetOrAdd(id, key => made = new DirectLineConversationLog(key, userId, _options.MaxActivitiesPerConversation, now));
        log.Touch(now);
        // The factory may run on racing threads; only the instance that was stored counts as created.
        created = ReferenceEquals(log, made);
        if (created)
        {
            Trim(now);
        }

        return log;
    }

    public DirectLineConversationLog? Find(string id)
    {
        if (!_conversations.TryGetValue(id, out var log))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (now - log.LastUsed > _options.IdleExpiry)
        {
            Forget(log);
            return null;
        }

        log.Touch(now);
        return log;
    }

    /// <summary>Drops idle conversations, then the least recently used ones beyond the size limit.</summary>
    public void Trim(DateTimeOffset now)
    {
        foreach (var log in _conversations.Values.Where(c => now - c.LastUsed > _options.IdleExpiry))
        {
            Forget(log);
        }

        var excess = _conversations.Count - _options.MaxConversations;
        if (excess > 0)
        {
            foreach (var log in _conversations.Values.OrderBy(c => c.LastUsed).Take(excess))
            {
                Forget(log);
            }
        }
    }

    private void Forget(DirectLineConversationLog log)
    {
        if (_conversations.TryRemove(new KeyValuePair<string, DirectLineConversationLog>(log.Id, log)))
        {
            log.Close();
        }
    }
}
