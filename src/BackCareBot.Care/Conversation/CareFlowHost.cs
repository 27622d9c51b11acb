using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.Advice;
using BackCareBot.Care.Cards;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Care.State;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Flows;
using BackCareBot.Dialogs.Recognition;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Cards;
using BackCareBot.Protocol.Schema;
using BackCareBot.Protocol.Turns;

namespace BackCareBot.Care.Conversation;

/// <summary>
/// Runs a turn of the back-care conversation: global commands and red-flag phrases first, then the open question;
/// renders questions (buttons or cards), runs the domain actions (triage, advice, exercises, quiz, check-ins).
/// </summary>
internal sealed class CareFlowHost(CareContent content, Localizer localizer, CareCards cards, IStateStore store) : IFlowHost
{
    private const int MaxSuggestedActions = 3;
    private readonly RedFlagScreen _screen = new(content);
    private readonly EmergencyDirectory _emergency = new(content);
    private readonly AdvicePlanner _advice = new(content);
    private readonly ExercisePlanner _exercises = new(content);

    /// <summary>The flows this host runs (set once by the bot, which builds them with this host).</summary>
    public DialogSet Dialogs { get; set; } = new();

    public string Text(string locale, string key) => localizer.Text(locale, key);

    public async Task RunTurnAsync(DialogContext dc, CareTurn care, CancellationToken cancellationToken)
    {
        var activity = care.Turn.Activity;
        if (activity.IsType(ActivityTypes.ConversationUpdate))
        {
            if (BotWasAdded(activity) && dc.ActiveFrame is null)
            {
                await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (activity.IsType(ActivityTypes.Event))
        {
            if (activity.Name == "checkin")
            {
                care.State.CheckInDue = null;
                care.State.CheckInReference = null;
                dc.CancelAll();
                await SendTextAsync(care, T(care, "checkin.greeting"), cancellationToken).ConfigureAwait(false);
                await dc.BeginDialogAsync("checkin", cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await HandleInputAsync(dc, care, cancellationToken).ConfigureAwait(false);
        if (care.ReplacementCard is null && care.AcceptedCardAnswer is { } answer)
        {
            care.ReplacementCard = cards.Answered(care.Locale, care.AcceptedCardQuestion, answer);
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            care.Turn.InvokeResponse = InvokeResponseFor(care);
        }
        else if (care.ReplacementCard is { } replacement && activity.ChannelId == CareCards.TeamsChannel && activity.ReplyToId is { } cardId)
        {
            // One answer per card: replace the card so its buttons cannot be pressed again.
            var summary = new Activity { Id = cardId, Attachments = [CareCards.ToAttachment(CareCards.ForChannel(replacement, activity))] };
            await care.Turn.UpdateActivityAsync(summary, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A turn in a channel or group chat: the bot introduces itself and points to a personal chat, where the check
    /// runs in private; a warning sign typed here still gets the urgent advice at once. Nothing is stored.
    /// </summary>
    public async Task GroupTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        // Nothing is kept for a group conversation; this also removes what an earlier version may have stored there.
        var key = CareBot.StateKey(activity);
        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(CareBot.CheckInKey(key), cancellationToken).ConfigureAwait(false);
        var care = new CareTurn(turn, new CareState(), Localizer.Resolve(null, activity), EmergencyDirectory.Country(activity, null));
        if (activity.IsType(ActivityTypes.ConversationUpdate))
        {
            if (BotWasAdded(activity))
            {
                await SendTextAsync(care, T(care, "group.welcome"), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var input = UserInput.From(activity);
        var text = T(care, "group.private");
        if (!TextNormalizer.IsBlank(input.Text) && _screen.Match(input.Text) is { } flag)
        {
            text = $"{LevelMessage(care, flag.Level)}\n\n{HelpNow(care)}\n\n{text}";
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            turn.InvokeResponse = MessageInvokeResponse(text);
            return;
        }

        if (activity.IsType(ActivityTypes.Message))
        {
            await SendTextAsync(care, text, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HandleInputAsync(DialogContext dc, CareTurn care, CancellationToken cancellationToken)
    {
        var activity = care.Turn.Activity;
        var input = UserInput.From(activity);
        if (input.CardVerb is { } verb && ExerciseFeedbackKeys.ContainsKey(verb))
        {
            await ExerciseFeedbackAsync(dc, care, verb, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (activity.IsType(ActivityTypes.Invoke))
        {
            if (input.CardVerb == CareCards.RefreshVerb)
            {
                care.ReplacementCard = RefreshedCard(dc, care, input);
                return;
            }

            if (input.CardVerb != CareCards.AnswerVerb)
            {
                care.InvokeError = $"Unknown verb '{input.CardVerb}'.";
                return;
            }
        }

        if (!input.IsCardAnswer && TextNormalizer.IsBlank(input.Text) && input.HasAttachment)
        {
            await SendTextAsync(care, T(care, "prompt.attachment"), cancellationToken).ConfigureAwait(false);
            await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!input.IsCardAnswer && !TextNormalizer.IsBlank(input.Text))
        {
            if (await TryCommandAsync(dc, care, Commands.Match(input.Text), cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (_screen.Match(input.Text) is { } flag && !care.State.Flags.Contains(flag.Id))
            {
                await RaiseFromTextAsync(dc, care, flag, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (dc.ActiveFrame is null)
        {
            if (input.IsCardAnswer)
            {
                // A card from a conversation that has ended: nothing is open for it to answer.
                care.StaleCard = true;
                await SendTextAsync(care, T(care, "prompt.stale_closed"), cancellationToken).ConfigureAwait(false);
                return;
            }

            await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
            return;
        }

        await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> TryCommandAsync(DialogContext dc, CareTurn care, Command command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case Command.English or Command.Chinese:
                care.Locale = care.State.Locale = command == Command.English ? Localizer.English : Localizer.Chinese;
                await SendTextAsync(care, T(care, "language.switched"), cancellationToken).ConfigureAwait(false);
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case Command.Help:
                await SendTextAsync(care, $"{T(care, "help.text")}\n\n{HelpNow(care)}", cancellationToken).ConfigureAwait(false);
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case Command.StartOver:
                // Starting over is the only way back to exercises after a red flag: every flag is asked again.
                dc.CancelAll();
                care.State.Dialog.Answers.Clear();
                care.State.Flags.Clear();
                care.State.Level = TriageLevels.SelfCare;
                care.State.DoseStepBack = 0;
                care.State.Dialog.Run = null;
                care.State.Plan = null;
                await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
                return true;
            case Command.Cancel:
                dc.CancelAll();
                await SendTextAsync(care, T(care, "command.cancelled"), cancellationToken).ConfigureAwait(false);
                return true;
            case Command.Back:
                if (dc.ActiveFrame is null || !await ActiveFlow(dc).GoBackAsync(dc, cancellationToken).ConfigureAwait(false))
                {
                    await SendTextAsync(care, T(care, "command.back_none"), cancellationToken).ConfigureAwait(false);
                    await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                }

                return true;
            case Command.Why:
                if (dc.ActiveFrame is not null && ActiveFlow(dc).CurrentStep(dc)?.Why is { } why)
                {
                    await SendTextAsync(care, T(care, "command.why_prefix") + T(care, why), cancellationToken).ConfigureAwait(false);
                    await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }

                return false;
            case Command.Quiz:
                await dc.BeginDialogAsync(CareContent.QuizFlowId, cancellationToken).ConfigureAwait(false);
                return true;
            case Command.WhatDoYouKnow:
                await SendTextAsync(care, StoredSummary(care), cancellationToken).ConfigureAwait(false);
                await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case Command.ForgetMe:
                await dc.BeginDialogAsync("forget", cancellationToken).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private async Task RaiseFromTextAsync(DialogContext dc, CareTurn care, RedFlag flag, CancellationToken cancellationToken)
    {
        Raise(care, flag);
        await SendTextAsync(care, $"{T(care, "redflag.interrupt")}\n\n{LevelMessage(care, flag.Level)}", cancellationToken).ConfigureAwait(false);
        // The self-care path stops here: nothing queued (sleep questions, exercise cards) is sent.
        dc.CancelAll();
        if (!TriageLevels.IsEmergency(care.State.Level) && flag.FollowUp is { } followUp)
        {
            await dc.BeginDialogAsync(followUp, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Raise(CareTurn care, RedFlag flag)
    {
        care.State.Level = TriageLevels.Higher(care.State.Level, flag.Level);
        if (!care.State.Flags.Contains(flag.Id))
        {
            care.State.Flags.Add(flag.Id);
        }
    }

    public async Task AskAsync(DialogContext dc, FlowStep step, AskReason reason, CancellationToken cancellationToken)
    {
        var care = Care(dc);
        var prompt = T(care, step.Prompt!);
        var lead = reason switch
        {
            AskReason.Retry => RetryText(care, step),
            AskReason.Stuck => $"{RetryText(care, step)} {T(care, "prompt.stuck")}",
            AskReason.Clarify => $"{T(care, step.Why!)} {T(care, "prompt.clarify")}",
            _ => null,
        };

        var choices = step.Kind switch
        {
            StepKinds.YesNo => YesNoChoices(step),
            StepKinds.Choice => step.Choices!,
            _ => null,
        };

        if (choices is null && step.Kind == StepKinds.Text)
        {
            await SendTextAsync(care, lead is null ? prompt : $"{lead}\n\n{prompt}", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (AsksWithCard(step))
        {
            if (lead is not null)
            {
                await SendTextAsync(care, lead, cancellationToken).ConfigureAwait(false);
            }

            var card = QuestionCard(dc, care, step, prompt, choices);
            await care.Turn.SendActivityAsync(new Activity { Attachments = [CareCards.ToAttachment(card)] }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await care.Turn.SendActivityAsync(
            new Activity
            {
                Text = lead is null ? prompt : $"{lead}\n\n{prompt}",
                SuggestedActions = new SuggestedActions
                {
                    Actions = [.. choices!.Select(c => new CardAction { Type = ActionTypes.ImBack, Title = T(care, c.Label), Value = JsonSerializer.SerializeToElement(T(care, c.Label), CareStateJsonContext.Default.String) })],
                },
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a step is asked with a card: a number, or more choices than fit as suggested actions.</summary>
    private static bool AsksWithCard(FlowStep step) =>
        step.Kind == StepKinds.Number || (step.Kind == StepKinds.Choice && step.Choices?.Count > MaxSuggestedActions);

    /// <summary>The card for a question with a number or more choices than fit as suggested actions.</summary>
    private AdaptiveCard QuestionCard(DialogContext dc, CareTurn care, FlowStep step, string prompt, IReadOnlyList<FlowChoice>? choices)
    {
        var run = dc.State.EnsureRun();
        var card = step.Kind == StepKinds.Number ? cards.Number(care.Locale, step, prompt, run) : cards.Choice(care.Locale, step, prompt, choices!, run);
        return CareCards.ForChannel(card, care.Turn.Activity, new JsonObject { ["step"] = step.Id, ["run"] = run });
    }

    /// <summary>
    /// Teams asks for a card's current view when it is shown again: the open question stays as it is, an answered
    /// one shows its answer, and anything else (an earlier run, a question no longer asked) shows that it is closed.
    /// </summary>
    private AdaptiveCard RefreshedCard(DialogContext dc, CareTurn care, UserInput input)
    {
        var step = input.CardStepId is { } id ? FindStep(id) : null;
        var question = step?.Prompt is { } prompt ? T(care, prompt) : null;
        var sameRun = input.CardRun is not null && input.CardRun == dc.State.Run;
        if (step is not null && question is not null && sameRun && AsksWithCard(step) && dc.ActiveFrame is not null && ActiveFlow(dc).CurrentStep(dc)?.Id == step.Id)
        {
            return QuestionCard(dc, care, step, question, step.Choices);
        }

        return step is not null && sameRun && dc.State.Answers.TryGetValue(step.Id, out var value)
            ? cards.Answered(care.Locale, question, AnswerLabel(care, step, value))
            : cards.Closed(care.Locale, question);
    }

    public Task TellAsync(DialogContext dc, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var care = Care(dc);
        return SendTextAsync(care, string.Join("\n\n", keys.Select(k => T(care, k))), cancellationToken);
    }

    public IReadOnlyList<ChoiceOption> Options(DialogContext dc, FlowStep step) =>
        [.. step.Choices!.Select(c => new ChoiceOption(c.Value, localizer.Phrases(c.Label)))];

    public async Task<bool> OnAnsweredAsync(DialogContext dc, FlowStep step, string value, CancellationToken cancellationToken)
    {
        var care = Care(dc);
        if (UserInput.From(care.Turn.Activity).IsCardAnswer)
        {
            care.AcceptedCardAnswer = AnswerLabel(care, step, value);
            care.AcceptedCardQuestion = step.Prompt is { } prompt ? T(care, prompt) : null;
        }

        if (step.Flag is { } flagId && value == "yes" && content.RedFlags.Flags.Find(f => f.Id == flagId) is { } flag)
        {
            Raise(care, flag);
            if (TriageLevels.IsEmergency(flag.Level))
            {
                dc.State.Answers.Clear();
                await SendTextAsync(care, $"{LevelMessage(care, care.State.Level)}\n\n{HelpNow(care)}", cancellationToken).ConfigureAwait(false);
                return false;
            }
        }

        if (content.Quiz.Questions.Find(q => q.Id == step.Id) is { } question)
        {
            var right = question.Answer == value;
            var answerLabel = T(care, question.Choices.Find(c => c.Value == question.Answer)!.Label);
            var verdict = right ? T(care, "quiz.correct") : localizer.Text(care.Locale, "quiz.wrong", "answer", answerLabel);
            await SendTextAsync(care, $"{verdict} {T(care, question.Explanation)}\n\n{SourcesLine(care, [question.Source])}", cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task StaleAnswerAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var care = Care(dc);
        care.StaleCard = true;
        await SendTextAsync(care, T(care, "prompt.stale"), cancellationToken).ConfigureAwait(false);
        await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
    }

    public bool LevelAtLeast(DialogContext dc, string level) => TriageLevels.AtLeast(Care(dc).State.Level, level);

    public async Task<bool> RunActionAsync(DialogContext dc, string action, CancellationToken cancellationToken)
    {
        var care = Care(dc);
        switch (action)
        {
            case "out_of_scope":
                await SendTextAsync(care, Fill(care, T(care, "scope.out")), cancellationToken).ConfigureAwait(false);
                return false;
            case "triage":
                var note = care.State.Level == "L3" ? $"\n\n{T(care, "triage.l3_note")}" : string.Empty;
                await SendTextAsync(care, LevelMessage(care, care.State.Level) + note, cancellationToken).ConfigureAwait(false);
                return true;
            case "shoulder_blades":
                care.State.Level = TriageLevels.Higher(care.State.Level, "L3");
                await SendTextAsync(care, Fill(care, T(care, "route.shoulder_blades")), cancellationToken).ConfigureAwait(false);
                return true;
            case "advice":
                await SendAdviceAsync(care, dc, cancellationToken).ConfigureAwait(false);
                return true;
            case "exercises":
                await SendExercisesAsync(care, dc, cancellationToken).ConfigureAwait(false);
                return true;
            case "schedule_checkin":
                care.State.CheckInDue = NextMorning(care.Turn.Activity);
                care.State.CheckInReference = care.Turn.ConversationReference;
                care.State.CheckInReference.Locale = care.Locale;
                await SendTextAsync(care, T(care, "checkin.scheduled"), cancellationToken).ConfigureAwait(false);
                return true;
            case "quiz_score":
                var score = content.Quiz.Questions.Count(q => dc.State.Answers.TryGetValue(q.Id, out var a) && a == q.Answer);
                var text = localizer.Text(care.Locale, "quiz.score", "score", score.ToString(CultureInfo.InvariantCulture))
                    .Replace("{total}", content.Quiz.Questions.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                await SendTextAsync(care, text, cancellationToken).ConfigureAwait(false);
                return true;
            case "closing":
                await SendTextAsync(care, $"{T(care, "closing.safety_net")}\n\n{HelpNow(care)}\n\n{T(care, "closing.bye")}", cancellationToken).ConfigureAwait(false);
                return true;
            case "checkin_plan":
                await CheckInPlanAsync(care, dc, cancellationToken).ConfigureAwait(false);
                return true;
            case "forget":
                await DeleteCheckInAsync(care, cancellationToken).ConfigureAwait(false);
                care.Forget = true;
                dc.CancelAll();
                await SendTextAsync(care, T(care, "privacy.deleted"), cancellationToken).ConfigureAwait(false);
                return false;
            default:
                throw new InvalidOperationException($"No action '{action}'.");
        }
    }

    private async Task SendAdviceAsync(CareTurn care, DialogContext dc, CancellationToken cancellationToken)
    {
        var rows = _advice.Plan(dc.State.Answers, level => LevelAtLeast(dc, level));
        foreach (var level in rows.Select(r => r.Level).OfType<string>())
        {
            care.State.Level = TriageLevels.Higher(care.State.Level, level);
        }

        var text = new StringBuilder(T(care, "advice.intro"));
        foreach (var key in rows.SelectMany(r => r.Advice).Distinct(StringComparer.Ordinal))
        {
            text.Append("\n\n- ").Append(T(care, key));
        }

        text.Append("\n\n").Append(SourcesLine(care, rows.SelectMany(r => r.Sources)));
        await SendTextAsync(care, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task SendExercisesAsync(CareTurn care, DialogContext dc, CancellationToken cancellationToken)
    {
        var plan = _exercises.Plan(dc.State.Answers, care.State.Level, care.State.DoseStepBack);
        if (plan.Count == 0)
        {
            await SendTextAsync(care, T(care, "exercises.none"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var pain = ExercisePlanner.Pain(dc.State.Answers) + (care.State.DoseStepBack * 3);
        var intro = new StringBuilder(T(care, "exercises.intro"));
        if (pain >= ExercisePlanner.SeverePain)
        {
            intro.Append("\n\n").Append(T(care, "exercises.high_pain"));
        }
        else if (plan.Any(p => p.Gentle))
        {
            intro.Append("\n\n").Append(T(care, "exercises.gentle"));
        }

        intro.Append("\n\n").Append(T(care, "exercises.stop_rule"));
        await SendTextAsync(care, intro.ToString(), cancellationToken).ConfigureAwait(false);
        care.State.Plan = new ExercisePlanState
        {
            Number = (care.State.Plan?.Number ?? 0) + 1,
            DoseStepBack = care.State.DoseStepBack,
            Level = care.State.Level,
            Answers = _exercises.Basis(dc.State.Answers),
        };
        foreach (var planned in plan)
        {
            var card = CareCards.ForChannel(cards.Exercise(care.Locale, planned, care.State.Plan.Number), care.Turn.Activity);
            await care.Turn.SendActivityAsync(new Activity { Attachments = [CareCards.ToAttachment(card)] }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CheckInPlanAsync(CareTurn care, DialogContext dc, CancellationToken cancellationToken)
    {
        var how = dc.State.Answers.GetValueOrDefault("checkin_how", "same");
        if (how == "worse")
        {
            care.State.DoseStepBack++;
        }

        if (dc.State.Answers.TryGetValue("checkin_pain", out var pain))
        {
            dc.State.Answers["pain_now"] = pain;
        }

        await SendTextAsync(care, T(care, $"checkin.{how}"), cancellationToken).ConfigureAwait(false);
        await SendExercisesAsync(care, dc, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Feedback buttons on exercise cards: the verb and the reply it gets.</summary>
    private static readonly Dictionary<string, (string Reply, string Label)> ExerciseFeedbackKeys = new(StringComparer.Ordinal)
    {
        ["exercise.done"] = ("exercise.done_reply", "card.done"),
        ["exercise.tooHard"] = ("exercise.too_hard_reply", "card.too_hard"),
        ["exercise.hurts"] = ("exercise.hurts_reply", "card.hurts"),
    };

    /// <summary>
    /// One answer per exercise card: feedback counts only for a card of the plan last sent, once per card; "it hurts"
    /// makes the next plan gentler, and the card's buttons give way to the answer. After a warning sign that stops
    /// exercises, no card gets an encouraging reply: the user is told again to see a doctor first.
    /// </summary>
    private async Task ExerciseFeedbackAsync(DialogContext dc, CareTurn care, string verb, CancellationToken cancellationToken)
    {
        var (data, _) = UserInput.CardData(care.Turn.Activity);
        var exerciseId = data is { ValueKind: JsonValueKind.Object } d ? UserInput.ReadString(d, "exercise") : null;
        var planNumber = data is { ValueKind: JsonValueKind.Object } p ? UserInput.ReadString(p, "plan") : null;
        if (TriageLevels.BlocksExercises(care.State.Level))
        {
            var title = content.Exercises.Exercises.Find(e => e.Id == exerciseId) is { } known ? T(care, known.Title) : null;
            care.StaleCard = true;
            await SendTextAsync(care, $"{T(care, "exercises.none")}\n\n{HelpNow(care)}", cancellationToken).ConfigureAwait(false);
            care.ReplacementCard = cards.Summary(title, T(care, "exercises.none"));
            return;
        }

        // The card is shown again exactly as it was sent: planned from the plan's own dose step, level and answers.
        var plan = care.State.Plan;
        var planned = plan is not null && planNumber == plan.Number.ToString(CultureInfo.InvariantCulture) && plan.Answers == _exercises.Basis(dc.State.Answers)
            ? _exercises.Plan(dc.State.Answers, plan.Level, plan.DoseStepBack).FirstOrDefault(e => e.Exercise.Id == exerciseId)
            : null;
        if (planned is null || plan!.Feedback.Contains(planned.Exercise.Id))
        {
            care.StaleCard = true;
            await SendTextAsync(care, T(care, "exercise.already_noted"), cancellationToken).ConfigureAwait(false);
            return;
        }

        plan.Feedback.Add(planned.Exercise.Id);
        var (reply, label) = ExerciseFeedbackKeys[verb];
        if (verb == "exercise.hurts")
        {
            care.State.DoseStepBack++;
        }

        await SendTextAsync(care, T(care, reply), cancellationToken).ConfigureAwait(false);
        care.ReplacementCard = cards.Exercise(care.Locale, planned, plan.Number, localizer.Text(care.Locale, "card.noted", "answer", T(care, label)));
    }

    private Task DeleteCheckInAsync(CareTurn care, CancellationToken cancellationToken) =>
        store.DeleteAsync(CareBot.CheckInKey(CareBot.StateKey(care.Turn.Activity)), cancellationToken);

    private string StoredSummary(CareTurn care)
    {
        var state = care.State;
        if (state.Dialog.Answers.Count == 0 && state.Flags.Count == 0 && state.CheckInDue is null && state.Locale is null)
        {
            return T(care, "privacy.nothing");
        }

        var text = new StringBuilder(T(care, "privacy.summary"));
        foreach (var (stepId, value) in state.Dialog.Answers)
        {
            var step = FindStep(stepId);
            var question = step?.Prompt is { } prompt ? T(care, prompt) : stepId;
            var answer = step is null ? value : AnswerLabel(care, step, value);
            text.Append("\n\n- ").Append(question).Append(" → ").Append(answer);
        }

        text.Append("\n\n- ").Append(localizer.Text(care.Locale, "privacy.level", "level", state.Level));
        if (state.CheckInDue is { } due)
        {
            text.Append("\n\n- ").Append(localizer.Text(care.Locale, "privacy.checkin", "time", due.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        }

        if (state.Locale is { } language)
        {
            text.Append("\n\n- ").Append(localizer.Text(care.Locale, "privacy.language", "language", language));
        }

        return text.Append("\n\n").Append(T(care, "privacy.how_to_delete")).ToString();
    }

    /// <summary>A conversation update that adds the bot itself: the moment to introduce it.</summary>
    private static bool BotWasAdded(Activity activity) =>
        activity.MembersAdded?.Exists(m => m.Id is not null && m.Id == activity.Recipient?.Id) == true;

    private FlowStep? FindStep(string id) => content.Flows.Values.SelectMany(f => f.Steps).FirstOrDefault(s => s.Id == id);

    private string AnswerLabel(CareTurn care, FlowStep step, string value) =>
        step.Choices?.Find(c => c.Value == value) is { } choice ? T(care, choice.Label)
            : value switch
            {
                "yes" => T(care, "button.yes"),
                "no" => T(care, "button.no"),
                "unsure" => T(care, "button.unsure"),
                _ => value,
            };

    /// <summary>
    /// The answer to an <c>adaptiveCard/action</c> invoke, in the same HTTP response: the card that replaces the
    /// clicked one, a short message (already answered, or see the reply below), or an error for an unknown verb.
    /// </summary>
    private InvokeResponse InvokeResponseFor(CareTurn care)
    {
        AdaptiveCardInvokeResponse body;
        if (care.InvokeError is { } error)
        {
            body = new AdaptiveCardInvokeResponse
            {
                StatusCode = 400,
                Type = "application/vnd.microsoft.error",
                Value = JsonSerializer.SerializeToElement(new JsonObject { ["code"] = "BadRequest", ["message"] = error }, CardJsonContext.Default.JsonObject),
            };
        }
        else if (care.ReplacementCard is { } card)
        {
            body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCard.ContentType, Value = CareCards.ToJson(CareCards.ForChannel(card, care.Turn.Activity)) };
        }
        else
        {
            return MessageInvokeResponse(T(care, care.StaleCard ? "card.already_answered" : "card.received"));
        }

        return InvokeResponseOf(body);
    }

    private static InvokeResponse MessageInvokeResponse(string text) => InvokeResponseOf(new AdaptiveCardInvokeResponse
    {
        StatusCode = 200,
        Type = "application/vnd.microsoft.activity.message",
        Value = JsonSerializer.SerializeToElement(text, CareStateJsonContext.Default.String),
    });

    private static InvokeResponse InvokeResponseOf(AdaptiveCardInvokeResponse body) =>
        new() { Status = body.StatusCode, Body = JsonSerializer.SerializeToElement(body, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse) };

    private static IReadOnlyList<FlowChoice> YesNoChoices(FlowStep step) =>
        step.AllowUnsure
            ? [new() { Value = "yes", Label = "button.yes" }, new() { Value = "no", Label = "button.no" }, new() { Value = "unsure", Label = "button.unsure" }]
            : [new() { Value = "yes", Label = "button.yes" }, new() { Value = "no", Label = "button.no" }];

    private string RetryText(CareTurn care, FlowStep step) => step.Kind switch
    {
        StepKinds.YesNo => T(care, step.AllowUnsure ? "prompt.yesno_unsure.retry" : "prompt.yesno.retry"),
        StepKinds.Text => T(care, "prompt.text.retry"),
        StepKinds.Number => localizer.Text(care.Locale, "prompt.number.retry", "min", (step.Min ?? 0).ToString(CultureInfo.InvariantCulture))
            .Replace("{max}", (step.Max ?? 10).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
        _ => T(care, "prompt.choice.retry"),
    };

    private string LevelMessage(CareTurn care, string level) =>
        Fill(care, T(care, content.RedFlags.Levels.Find(l => l.Id == level)?.Message ?? "level.L5"));

    private string Fill(CareTurn care, string text)
    {
        var numbers = _emergency.For(care.Country);
        var urgent = numbers.Region == "GB" ? T(care, "level.urgent.GB") : T(care, "level.urgent.default");
        return text.Replace("{number}", numbers.Emergency, StringComparison.Ordinal).Replace("{urgent}", urgent, StringComparison.Ordinal);
    }

    private string HelpNow(CareTurn care) => Fill(care, T(care, "help.now"));

    private string SourcesLine(CareTurn care, IEnumerable<string> sourceIds) =>
        $"{T(care, "sources.label")}: " + string.Join("; ", sourceIds.Distinct(StringComparer.Ordinal).Select(id => content.Sources[id]).Select(s => $"[{s.Title}]({s.Url})"));

    private static DateTimeOffset NextMorning(Activity activity)
    {
        var offset = DateTimeOffset.TryParse(activity.LocalTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local.Offset : TimeSpan.Zero;
        var now = DateTimeOffset.UtcNow.ToOffset(offset);
        return new DateTimeOffset(now.Date.AddDays(1).AddHours(8), offset).ToUniversalTime();
    }

    private string T(CareTurn care, string key) => localizer.Text(care.Locale, key);

    private static Task<ResourceResponse> SendTextAsync(CareTurn care, string text, CancellationToken cancellationToken) =>
        care.Turn.SendTextAsync(text, cancellationToken);

    private static CareTurn Care(DialogContext dc) => (CareTurn)dc.Owner!;

    private FlowDialog ActiveFlow(DialogContext dc) => (FlowDialog)Dialogs.Find(dc.ActiveFrame!.DialogId);
}
