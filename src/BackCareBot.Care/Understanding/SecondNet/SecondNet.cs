using BackCareBot.Care.Content;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// The second net under the rule net (<see cref="WarningSignRecognizer"/>): a trained classifier per language
/// (dialogs/second-net/) that reads wordings the lexicons do not have. It is asked only when the rule net found
/// nothing, and it only ever proposes a confirming question (<see cref="SignTier.Confirm"/>) for the flag it scores
/// highest: it never routes, and a message is taken as a warning sign only after a "yes" or "not sure".
/// </summary>
public sealed class SecondNet
{
    private readonly IReadOnlyDictionary<string, SignClassifier> _models;
    private readonly Dictionary<string, RedFlag> _flags;

    public SecondNet(CareContent content)
    {
        _models = content.SecondNet;
        _flags = content.RedFlags.Flags.ToDictionary(f => f.Id, StringComparer.Ordinal);
    }

    /// <param name="raised">Flags raised earlier in the conversation: never proposed again.</param>
    public SignMatch? Recognize(string? text, IReadOnlyCollection<string>? raised = null)
    {
        if (string.IsNullOrWhiteSpace(text) || !_models.TryGetValue(SignFeatures.IsChinese(text) ? "zh-CN" : "en", out var model))
        {
            return null;
        }

        return model.Best(SignFeatures.Of(text), raised) is { } best && best.Margin >= model.Threshold && _flags.TryGetValue(best.Flag, out var flag)
            ? new SignMatch(flag, SignTier.Confirm)
            : null;
    }
}
