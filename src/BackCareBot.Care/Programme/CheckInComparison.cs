using System.Globalization;

namespace BackCareBot.Care.Programme;

/// <summary>
/// "Compared with yesterday", read from the pain scores instead of asked, so the check-in stays one card: this
/// morning's pain against the last one known (the previous check-in, or the first check's "pain now").
/// </summary>
public static class CheckInComparison
{
    /// <summary>"better", "same" or "worse"; "same" when there is nothing to compare with.</summary>
    public static string Of(IReadOnlyDictionary<string, string> answers) =>
        Score(answers, "checkin_pain") is { } now && Score(answers, "pain_now") is { } before
            ? now < before ? "better" : now > before ? "worse" : "same"
            : "same";

    private static int? Score(IReadOnlyDictionary<string, string> answers, string step) =>
        answers.TryGetValue(step, out var value) && int.TryParse(value, CultureInfo.InvariantCulture, out var score) ? score : null;
}
