using BackCareBot.Care.Triage;
using BackCareBot.Care.Understanding;

namespace BackCareBot.Training;

/// <summary>
/// k-fold cross-validation on the training lines: a line is held out in the fold of its text's hash mod k
/// (<see cref="StableHash"/>: a new line does not move the others between folds), and each fold's model, trained on
/// the other folds, scores the lines it did not see. Each line keeps its margin (the best flag's score over "none"),
/// the flag, and whether the rule net already found something in it (then the second net is never asked).
/// </summary>
public static class CrossValidation
{
    public const int Folds = 5;

    public sealed record Scored(TrainingLine Line, string Flag, double Margin, bool RuleNetFound);

    public static List<Scored> Score(IReadOnlyList<TrainingLine> lines, string locale, WarningSignRecognizer ruleNet)
    {
        var scored = new Scored?[lines.Count];
        var folds = lines.Select(l => (int)(StableHash.Of(l.Text) % Folds)).ToArray();
        for (var fold = 0; fold < Folds; fold++)
        {
            var model = SignClassifier.From(LogisticRegression.Train([.. lines.Where((_, i) => folds[i] != fold)], locale));
            for (var i = 0; i < lines.Count; i++)
            {
                if (folds[i] != fold)
                {
                    continue;
                }

                var best = model.Best(SignFeatures.Of(lines[i].Text));
                scored[i] = new Scored(lines[i], best?.Flag ?? "none", best?.Margin ?? double.NegativeInfinity, ruleNet.Recognize(lines[i].Text) is not null);
            }
        }

        return [.. scored.Select(s => s!)];
    }
}

/// <summary>
/// The threshold: the lowest margin (on a grid of twentieths) at which, in cross-validation, the second net asks
/// about at most <see cref="OrdinaryBar"/> of the ordinary messages and <see cref="AnswerBar"/> of the answers
/// (counting only the lines the rule net left alone, as in the bot).
/// </summary>
public static class ThresholdChooser
{
    public const double OrdinaryBar = 0.02;
    public const double AnswerBar = 0.02;
    private const double Step = 0.05;
    private const double Lowest = -40.0;

    public static (double Threshold, NetTraining Figures) Choose(IReadOnlyList<CrossValidation.Scored> scored, IReadOnlyDictionary<string, string> levels)
    {
        var ordinary = scored.Where(s => s.Line.IsOrdinary).ToList();
        var answers = scored.Where(s => s.Line.IsAnswer).ToList();
        // Counted in whole steps from the lowest, so the threshold is a round number (no sum of tenths drifting).
        var steps = 0;
        var threshold = Lowest;
        while (Asked(ordinary, threshold) > OrdinaryBar || Asked(answers, threshold) > AnswerBar)
        {
            threshold = Math.Round(Lowest + (++steps * Step), 2, MidpointRounding.ToEven);
        }

        var signs = scored.Where(s => s.Line.IsFlag).ToList();
        var caught = signs.Count(s => s.Margin >= threshold && TriageLevels.Rank(levels[s.Flag]) >= TriageLevels.Rank(levels[s.Line.Expect]));
        return (threshold, new NetTraining
        {
            Folds = CrossValidation.Folds,
            OrdinaryAskedAtMost = OrdinaryBar,
            AnswersAskedAtMost = AnswerBar,
            OrdinaryAsked = Round(Asked(ordinary, threshold)),
            AnswersAsked = Round(Asked(answers, threshold)),
            SignsCaughtAlone = Round((double)caught / signs.Count),
        });
    }

    private static double Asked(List<CrossValidation.Scored> lines, double threshold) =>
        lines.Count == 0 ? 0 : (double)lines.Count(s => !s.RuleNetFound && s.Margin >= threshold) / lines.Count;

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.ToEven);
}
