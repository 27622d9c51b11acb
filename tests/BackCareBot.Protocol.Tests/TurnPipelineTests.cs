using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackCareBot.Protocol.Tests;

public class TurnPipelineTests
{
    [Fact]
    public async Task Proactive_turn_reaches_the_bot_as_an_event_and_replies_are_addressed_to_the_user()
    {
        var bot = new EchoEventBot();
        var pipeline = new TurnPipeline(bot, [], NullLogger<TurnPipeline>.Instance);
        var sender = new Outbox();
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example/emea/",
            Conversation = new ConversationAccount { Id = "a:conv" },
            User = new ChannelAccount { Id = "29:user" },
            Bot = new ChannelAccount { Id = "28:bot" },
            Locale = "zh-CN",
        };

        await pipeline.ContinueConversationAsync(reference, "checkin", sender, CancellationToken.None);

        var reply = Assert.Single(sender.Replies());
        Assert.Equal("event:checkin", reply.Text);
        Assert.Equal("29:user", reply.Recipient!.Id);
        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("a:conv", reply.Conversation!.Id);
        Assert.Equal("zh-CN", reply.Locale);
    }

    [Fact]
    public async Task Expect_replies_turn_returns_the_replies_and_sends_nothing_to_the_channel()
    {
        var pipeline = new TurnPipeline(new EchoEventBot(), [], NullLogger<TurnPipeline>.Instance);
        var channel = new Outbox();
        var activity = new Activity
        {
            Type = ActivityTypes.Event, Name = "ping", Id = "1", ChannelId = "test",
            Conversation = new ConversationAccount { Id = "c" }, DeliveryMode = DeliveryModes.ExpectReplies,
        };

        var outcome = await pipeline.ProcessAsync(activity, channel, CancellationToken.None);

        Assert.Empty(channel.Replies());
        Assert.Equal(200, outcome.StatusCode);
        Assert.Contains("event:ping", outcome.Body!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Middleware_runs_around_the_bot_in_registration_order()
    {
        var order = new List<string>();
        var pipeline = new TurnPipeline(
            new RecordingBot(order),
            [new RecordingMiddleware("outer", order), new RecordingMiddleware("inner", order)],
            NullLogger<TurnPipeline>.Instance);

        await pipeline.ProcessAsync(new Activity { Type = ActivityTypes.Message, ChannelId = "test", Conversation = new() { Id = "c" } }, new Outbox(), CancellationToken.None);

        Assert.Equal(["outer:before", "inner:before", "bot", "inner:after", "outer:after"], order);
    }

    [Fact]
    public async Task An_invoke_is_answered_before_its_follow_up_work_which_still_runs_before_the_next_turn()
    {
        var followUp = new TaskCompletionSource();
        var order = new List<string>();
        var pipeline = new TurnPipeline(new FollowUpBot(order), [], NullLogger<TurnPipeline>.Instance);
        var conversation = new ConversationAccount { Id = "c" };
        var channel = new HeldChannel(followUp.Task, order);

        var invoke = await pipeline.ProcessAsync(new Activity { Type = ActivityTypes.Invoke, Id = "1", ChannelId = "msteams", Conversation = conversation }, channel, CancellationToken.None);
        var next = pipeline.ProcessAsync(new Activity { Type = ActivityTypes.Message, Id = "2", ChannelId = "msteams", Conversation = conversation }, channel, CancellationToken.None);

        Assert.Equal(200, invoke.StatusCode);
        Assert.False(invoke.Completion.IsCompleted);
        Assert.False(next.IsCompleted);
        followUp.SetResult();
        await invoke.Completion;
        await next;
        Assert.Equal(["invoke", "follow-up", "message"], order);
    }

    [Fact]
    public async Task A_caller_that_sends_the_invoke_response_itself_starts_the_follow_up_after_it()
    {
        var order = new List<string>();
        var pipeline = new TurnPipeline(new FollowUpBot(order), [], NullLogger<TurnPipeline>.Instance);
        var invoke = new Activity { Type = ActivityTypes.Invoke, Id = "1", ChannelId = "msteams", Conversation = new ConversationAccount { Id = "c" } };

        var outcome = await pipeline.ProcessAsync(invoke, new HeldChannel(Task.CompletedTask, order), CancellationToken.None, followUpWhenStarted: true);
        var waited = await Task.WhenAny(outcome.Completion, Task.Delay(TimeSpan.FromSeconds(1)));

        Assert.NotSame(outcome.Completion, waited);
        Assert.Equal(["invoke"], order);
        outcome.StartFollowUp();
        outcome.StartFollowUp();
        await outcome.Completion;
        Assert.Equal(["invoke", "follow-up"], order);
    }

    [Fact]
    public async Task A_sent_activitys_receipt_carries_the_channels_id_once_delivered()
    {
        var bot = new ReceiptBot();
        var pipeline = new TurnPipeline(bot, [], NullLogger<TurnPipeline>.Instance);

        await pipeline.ProcessAsync(new Activity { Type = ActivityTypes.Message, Id = "1", ChannelId = "test", Conversation = new() { Id = "c" } }, new HeldChannel(Task.CompletedTask, []), CancellationToken.None);

        Assert.StartsWith("pending-", bot.IdWhenSent, StringComparison.Ordinal);
        Assert.Equal("channel-1", bot.Receipt!.Id);
    }

    private sealed class ReceiptBot : IBot
    {
        public ResourceResponse? Receipt { get; private set; }

        public string? IdWhenSent { get; private set; }

        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            Receipt = await turn.SendTextAsync("hello", cancellationToken);
            IdWhenSent = Receipt.Id;
        }
    }

    /// <summary>Answers an invoke at once and sends a message that follows it.</summary>
    private sealed class FollowUpBot(List<string> order) : IBot
    {
        public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            lock (order)
            {
                order.Add(turn.Activity.Type!);
            }

            if (turn.Activity.IsType(ActivityTypes.Invoke))
            {
                turn.InvokeResponse = new InvokeResponse { Status = 200 };
                await turn.SendTextAsync("follow-up", cancellationToken);
            }
        }
    }

    /// <summary>A channel whose sends wait for the test, recording each message's text.</summary>
    private sealed class HeldChannel(Task release, List<string> order) : IChannelSender
    {
        public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
        {
            await release;
            lock (order)
            {
                order.Add(activity.Text!);
            }

            return new ResourceResponse { Id = "channel-1" };
        }

        public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => SendAsync(activity, cancellationToken);

        public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class EchoEventBot : IBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken) =>
            turn.Activity.IsType(ActivityTypes.Event) ? turn.SendTextAsync($"event:{turn.Activity.Name}", cancellationToken) : Task.CompletedTask;
    }

    private sealed class RecordingBot(List<string> order) : IBot
    {
        public Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            order.Add("bot");
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingMiddleware(string name, List<string> order) : ITurnMiddleware
    {
        public async Task OnTurnAsync(TurnContext turn, Func<Task> next, CancellationToken cancellationToken)
        {
            order.Add($"{name}:before");
            await next();
            order.Add($"{name}:after");
        }
    }
}
