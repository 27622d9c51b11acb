using System.Globalization;
using BackCareBot.Care.Content;
using BackCareBot.Care.Conversation;
using BackCareBot.Dialogs.Engine;

namespace BackCareBot.Care.Actions;

/// <summary>"quiz_score": how many quiz answers were right, out of how many.</summary>
internal sealed class QuizScoreAction(CareContent content, CareTexts texts) : IFlowAction
{
    public Task<bool> RunAsync(DialogContext<CareTurn> dc, CancellationToken cancellationToken)
    {
        var score = content.Quiz.Questions.Count(q => dc.State.Answers.TryGetValue(q.Id, out var a) && a == q.Answer);
        dc.Turn.Say(texts.T(dc.Turn, "quiz.score", "score", score.ToString(CultureInfo.InvariantCulture))
            .Replace("{total}", content.Quiz.Questions.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return Task.FromResult(true);
    }
}
