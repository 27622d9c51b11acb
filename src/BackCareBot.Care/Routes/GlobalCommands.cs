using BackCareBot.Care.Conversation;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Routes;

/// <summary>The words that work at any question (<see cref="Commands"/>): language, help, start over, cancel, back, why, quiz, privacy, export.</summary>
internal sealed class GlobalCommands(CareTexts texts, PrivacySummary privacy, StepCatalog steps, Privacy.ExportReply export)
{
    public const string QuizFlow = Content.CareContent.QuizFlowId;
    public const string ForgetFlow = "forget";

    /// <returns>True when the text was a command and the turn is done.</returns>
    public async Task<bool> TryRunAsync(DialogContext<CareTurn> dc, Command command, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        switch (command)
        {
            case Command.English or Command.Chinese:
                turn.Locale = turn.State.Locale = command == Command.English ? Localizer.English : Localizer.Chinese;
                await SayAndRepromptAsync(dc, texts.T(turn, "language.switched"), cancellationToken).ConfigureAwait(false);
                return true;
            case Command.Help:
                await SayAndRepromptAsync(dc, $"{texts.T(turn, "help.text")}\n\n{texts.HelpNow(turn)}", cancellationToken).ConfigureAwait(false);
                return true;
            case Command.StartOver:
                // Starting over is the only way back to exercises after a red flag: every flag is asked again.
                dc.CancelAll();
                turn.State.Dialog.Answers.Clear();
                turn.State.Flags.Clear();
                turn.State.Level = TriageLevels.SelfCare;
                turn.State.DoseStepBack = 0;
                turn.State.Dialog.Run = null;
                turn.State.Plan = null;
                turn.State.Progress = new();
                await dc.BeginDialogAsync(CareBot.CareFlow, cancellationToken).ConfigureAwait(false);
                return true;
            case Command.Cancel:
                dc.CancelAll();
                turn.Say(texts.T(turn, "command.cancelled"));
                return true;
            case Command.Back:
                if (!await dc.GoBackAsync(cancellationToken).ConfigureAwait(false))
                {
                    await SayAndRepromptAsync(dc, texts.T(turn, "command.back_none"), cancellationToken).ConfigureAwait(false);
                }

                return true;
            case Command.Why:
                if (steps.Current(dc)?.Why is not { } why)
                {
                    return false;
                }

                await SayAndRepromptAsync(dc, texts.T(turn, "command.why_prefix") + texts.T(turn, why), cancellationToken).ConfigureAwait(false);
                return true;
            case Command.Quiz:
                await dc.BeginDialogAsync(QuizFlow, cancellationToken).ConfigureAwait(false);
                return true;
            case Command.WhatDoYouKnow:
                await SayAndRepromptAsync(dc, privacy.For(turn), cancellationToken).ConfigureAwait(false);
                return true;
            case Command.ExportData:
                await SayAndRepromptAsync(dc, await export.LinkAsync(turn, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return true;
            case Command.ForgetMe:
                await dc.BeginDialogAsync(ForgetFlow, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private static Task SayAndRepromptAsync(DialogContext<CareTurn> dc, string text, CancellationToken cancellationToken)
    {
        dc.Turn.Say(text);
        return dc.RepromptAsync(cancellationToken);
    }
}
