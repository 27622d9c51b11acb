using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Routes;

/// <summary>
/// A typed message in a personal chat, in four steps: an attachment alone is not an answer; a command (or a check-in
/// command, or "weekly summary") works at any question; then the warning-sign check; then the text answers the open question (or starts the check).
/// </summary>
internal sealed class MessageRoute(CareTexts texts, GlobalCommands commands, CheckInCommandStep checkIns, WeeklySummaryStep weekly, WarningSignStep warningSigns, OpenQuestion open) : ICareRoute
{
    public async Task<CardOutcome?> HandleAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var turn = dc.Turn;
        var text = turn.Input.Text;
        if (TextNormalizer.IsBlank(text) && turn.Input.HasAttachment)
        {
            turn.Say(texts.T(turn, "prompt.attachment"));
            await dc.RepromptAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        // A command may be punctuation alone ("?" is help), so commands are matched before the blank check.
        if (await commands.TryRunAsync(dc, Commands.Match(text), cancellationToken).ConfigureAwait(false)
            || await checkIns.TryRunAsync(dc, text, cancellationToken).ConfigureAwait(false)
            || await weekly.TryRunAsync(dc, text, cancellationToken).ConfigureAwait(false)
            || (!TextNormalizer.IsBlank(text) && await warningSigns.TryRaiseAsync(dc, text!, cancellationToken).ConfigureAwait(false)))
        {
            return null;
        }

        await open.AnswerAsync(dc, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
