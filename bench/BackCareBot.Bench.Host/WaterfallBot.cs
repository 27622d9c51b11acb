using System.Text.Json;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Bench.Host;

/// <summary>
/// Runs <see cref="ScreenFlow"/> as the JS bot runs its waterfall: conversation state (the dialog stack and answers)
/// loaded once and saved once per turn if changed; the user's profile written when the waterfall completes.
/// </summary>
public sealed class WaterfallBot(IStateStore store) : IBot
{
    private readonly DialogSet<BenchTurn> _dialogs = new DialogSet<BenchTurn>().Add(new FlowDialog<BenchTurn>(ScreenFlow.Create(), new ScreenFlowHost()));

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (!activity.IsType(ActivityTypes.Message))
        {
            return;
        }

        var key = $"{activity.ChannelId}/conversations/{activity.Conversation?.Id}";
        var stored = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        var state = stored is null ? new DialogState() : JsonSerializer.Deserialize(stored.Data, BenchJsonContext.Default.DialogState)!;

        var dc = new DialogContext<BenchTurn>(_dialogs, new BenchTurn(turn, UserInput.From(activity)), state);
        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Stale)
        {
            await turn.SendTextAsync("That question was already answered.", cancellationToken).ConfigureAwait(false);
        }
        else if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(ScreenFlow.Id, cancellationToken).ConfigureAwait(false);
        }

        var data = JsonSerializer.SerializeToUtf8Bytes(state, BenchJsonContext.Default.DialogState);
        if (stored is null || !data.AsSpan().SequenceEqual(stored.Data))
        {
            await store.WriteAsync(key, data, stored?.ETag, cancellationToken).ConfigureAwait(false);
        }

        if (result.Status == DialogTurnStatus.Complete && activity.From?.Id is { } userId)
        {
            await SaveProfileAsync($"{activity.ChannelId}/users/{userId}", state.Answers, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveProfileAsync(string key, Dictionary<string, string> answers, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
        var data = JsonSerializer.SerializeToUtf8Bytes(answers, BenchJsonContext.Default.DictionaryStringString);
        await store.WriteAsync(key, data, stored?.ETag, cancellationToken).ConfigureAwait(false);
    }
}
