using System.Text.Json;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Dialogs.Tests;

/// <summary>The dialog stack's contract, on two small flows: begin, continue, resume, end, replace, cancel-all and back.</summary>
public sealed class DialogStackTests
{
    private readonly Host _host = new();
    private readonly DialogSet<Turn> _dialogs = new();
    private readonly DialogState _state = new();

    public DialogStackTests()
    {
        // "outer" asks a yes/no, runs "inner" as a sub-flow, then asks a number and ends.
        _dialogs.Add(new FlowDialog<Turn>(Flow("outer", "q1", Ask("q1", StepKinds.YesNo, "sub"), new FlowStep { Id = "sub", Kind = StepKinds.SubFlow, Flow = "inner", Next = "q3" }, Ask("q3", StepKinds.Number, null)), _host));
        _dialogs.Add(new FlowDialog<Turn>(Flow("inner", "q2", Ask("q2", StepKinds.YesNo, null)), _host));
    }

    [Fact]
    public async Task Begin_asks_the_first_question_and_waits()
    {
        var result = await Context("").BeginDialogAsync("outer", default);

        Assert.Equal(DialogTurnStatus.Waiting, result.Status);
        Assert.Equal(["ask q1"], _host.Log);
        Assert.Equal("q1", Assert.Single(_state.Stack).StepId);
    }

    [Fact]
    public async Task Continue_stores_the_answer_and_a_sub_flow_goes_on_top()
    {
        await Context("").BeginDialogAsync("outer", default);

        var result = await Context("yes").ContinueDialogAsync(default);

        Assert.Equal(new StepAnswer("q1", "yes"), result.Answer);
        Assert.Equal("yes", _state.Answers["q1"]);
        Assert.Equal(["outer", "inner"], _state.Stack.Select(f => f.DialogId));
        Assert.Equal("ask q2", _host.Log[^1]);
    }

    [Fact]
    public async Task When_the_child_ends_the_parent_resumes_after_the_sub_flow_step()
    {
        await Context("").BeginDialogAsync("outer", default);
        await Context("yes").ContinueDialogAsync(default);

        await Context("no").ContinueDialogAsync(default);

        Assert.Equal("outer", Assert.Single(_state.Stack).DialogId);
        Assert.Equal("q3", _state.Stack[0].StepId);
        Assert.Equal("ask q3", _host.Log[^1]);
    }

    [Fact]
    public async Task The_last_answer_ends_the_last_dialog_as_complete()
    {
        await Context("").BeginDialogAsync("outer", default);
        await Context("yes").ContinueDialogAsync(default);
        await Context("no").ContinueDialogAsync(default);

        var result = await Context("4").ContinueDialogAsync(default);

        Assert.Equal(DialogTurnStatus.Complete, result.Status);
        Assert.Empty(_state.Stack);
        Assert.Equal("4", _state.Answers["q3"]);
    }

    [Fact]
    public async Task Continue_with_nothing_open_is_empty()
    {
        var result = await Context("hello").ContinueDialogAsync(default);

        Assert.Equal(DialogTurnStatus.Empty, result.Status);
        Assert.Empty(_host.Log);
    }

    [Fact]
    public async Task Replace_swaps_the_active_dialog_without_resuming_its_parent()
    {
        await Context("").BeginDialogAsync("outer", default);
        await Context("yes").ContinueDialogAsync(default);

        await Context("").ReplaceDialogAsync("outer", default);

        Assert.Equal(["outer", "outer"], _state.Stack.Select(f => f.DialogId));
        Assert.Equal("q1", _state.Stack[^1].StepId);
        Assert.Equal("ask q1", _host.Log[^1]);
    }

    [Fact]
    public async Task Cancel_all_clears_the_stack_and_keeps_the_answers()
    {
        await Context("").BeginDialogAsync("outer", default);
        await Context("yes").ContinueDialogAsync(default);

        var result = Context("").CancelAll();

        Assert.Equal(DialogTurnStatus.Cancelled, result.Status);
        Assert.Empty(_state.Stack);
        Assert.Equal("yes", _state.Answers["q1"]);
    }

    [Fact]
    public async Task Back_undoes_the_last_answer_of_the_active_flow_and_asks_it_again()
    {
        await Context("").BeginDialogAsync("outer", default);
        await Context("yes").ContinueDialogAsync(default);
        await Context("no").ContinueDialogAsync(default);

        Assert.True(await Context("").GoBackAsync(default));

        Assert.Equal("q1", _state.Stack[^1].StepId);
        Assert.False(_state.Answers.ContainsKey("q1"));
        Assert.Equal("ask q1", _host.Log[^1]);
    }

    [Fact]
    public async Task Back_with_nothing_answered_or_nothing_open_says_so()
    {
        Assert.False(await Context("").GoBackAsync(default));

        await Context("").BeginDialogAsync("outer", default);

        Assert.False(await Context("").GoBackAsync(default));
    }

    [Fact]
    public async Task An_answer_from_a_card_of_another_step_is_stale_and_changes_nothing()
    {
        await Context("").BeginDialogAsync("outer", default);

        var result = await new DialogContext<Turn>(_dialogs, new Turn(new UserInput(null, "q3", "5", false)), _state).ContinueDialogAsync(default);

        Assert.Equal(DialogTurnStatus.Stale, result.Status);
        Assert.Empty(_state.Answers);
        Assert.Equal("q1", _state.Stack[0].StepId);
    }

    [Fact]
    public async Task Not_sure_is_explained_once_and_a_second_not_sure_counts_as_yes()
    {
        await Context("").BeginDialogAsync("outer", default);

        await Context("not sure").ContinueDialogAsync(default);
        Assert.True(_state.Stack[0].Clarifying);
        await Context("not sure").ContinueDialogAsync(default);

        Assert.Equal("yes", _state.Answers["q1"]);
        Assert.Equal(["ask q1", "ask q1 Clarify", "ask q2"], _host.Log);
    }

    [Fact]
    public void A_frame_saved_with_the_old_clarifying_marker_reads_as_clarifying()
    {
        var frame = JsonSerializer.Deserialize<DialogFrame>("""{"DialogId":"outer","StepId":"q1","Attempts":-1}""")!;

        Assert.True(frame.Clarifying);
        Assert.Equal(0, frame.Attempts);
    }

    private DialogContext<Turn> Context(string text) => new(_dialogs, new Turn(new UserInput(text, null, null, false)), _state);

    private static Flow Flow(string id, string start, params FlowStep[] steps) => new() { Id = id, Start = start, Steps = [.. steps] };

    private static FlowStep Ask(string id, string kind, string? next) =>
        new() { Id = id, Kind = kind, Prompt = id, AllowUnsure = kind == StepKinds.YesNo, Min = 0, Max = 10, Next = next };

    private sealed record Turn(UserInput Input) : IFlowTurn;

    /// <summary>Records what the flows asked, so each test reads the conversation as it happened.</summary>
    private sealed class Host : IFlowHost<Turn>
    {
        public List<string> Log { get; } = [];

        // The engine takes its words from the host; the bot's own are in answers.json (tested with the care bot).
        private readonly YesNoRecognizer _yesNo = new(new YesNoWords(["yes"], ["no"], ["not sure"], [], []));

        public YesNoAnswer? YesNo(FlowStep step, string? text) => _yesNo.Recognize(text);

        public Task AskAsync(DialogContext<Turn> dc, FlowStep step, AskReason reason, CancellationToken cancellationToken)
        {
            Log.Add(reason == AskReason.First ? $"ask {step.Id}" : $"ask {step.Id} {reason}");
            return Task.CompletedTask;
        }

        public Task TellAsync(DialogContext<Turn> dc, IReadOnlyList<string> keys, CancellationToken cancellationToken) => Task.CompletedTask;

        public IReadOnlyList<ChoiceOption> Options(DialogContext<Turn> dc, FlowStep step) => [];

        public Task<bool> RunActionAsync(DialogContext<Turn> dc, string action, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> OnAnsweredAsync(DialogContext<Turn> dc, FlowStep step, string value, CancellationToken cancellationToken) => Task.FromResult(true);

        public IConditionFacts Facts(DialogContext<Turn> dc) => NoConditionFacts.Instance;
    }
}
