using BackCareBot.Care.Content;
using BackCareBot.Care.State;
using BackCareBot.Care.Triage;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Understanding;

/// <summary>What the warning-sign check decided for one typed message.</summary>
public enum SignOutcome
{
    /// <summary>No sign: the message goes on to the open question.</summary>
    None,

    /// <summary>Route the sign now (a clear match, or "yes" / "not sure" to the confirming question).</summary>
    Route,

    /// <summary>Ask the one confirming yes/no question that names the sign.</summary>
    Ask,

    /// <summary>"No" to the confirming question: back to the open question, nothing lost.</summary>
    Resume,
}

public sealed record SignDecision(SignOutcome Outcome, RedFlag? Flag = null, bool Unsure = false);

/// <summary>
/// The warning-sign step of every typed message: answers an open confirming question first, then screens the text.
/// A confirming question is asked at most once per sign in a conversation; a sign already raised is not raised again.
/// </summary>
public sealed class SignCheck(CareContent content, IWarningSignCheck screen)
{
    public SignDecision Decide(CareState state, string text)
    {
        if (state.PendingSign is { } pending)
        {
            state.PendingSign = null;
            var flag = content.RedFlags.Flags.Find(f => f.Id == pending);
            switch (content.YesNo.Recognize(text))
            {
                case YesNoAnswer.Yes when flag is not null:
                    return new SignDecision(SignOutcome.Route, flag);
                case YesNoAnswer.Unsure when flag is not null:
                    return new SignDecision(SignOutcome.Route, flag, Unsure: true);
                case YesNoAnswer.No:
                    return new SignDecision(SignOutcome.Resume, flag);
            }
        }

        var match = screen.Recognize(text, state.Flags);
        if (match is null || state.Flags.Contains(match.Flag.Id))
        {
            return new SignDecision(SignOutcome.None);
        }

        if (match.Tier == SignTier.Clear)
        {
            return new SignDecision(SignOutcome.Route, match.Flag);
        }

        if (state.AskedSigns?.Contains(match.Flag.Id) == true)
        {
            return new SignDecision(SignOutcome.None);
        }

        (state.AskedSigns ??= []).Add(match.Flag.Id);
        state.PendingSign = match.Flag.Id;
        return new SignDecision(SignOutcome.Ask, match.Flag);
    }
}
