namespace BackCareBot.Care.Content;

/// <summary>programme.json: sources, the red flags escalation raises, keys, and numbers that fit together.</summary>
public static partial class ContentValidator
{
    /// <summary>The weekly summary's card template, which the bot sends with every seventh check-in.</summary>
    public const string WeeklyCard = "weekly";

    private static void ValidateProgramme(CareContent content, List<string> problems, HashSet<string> keys)
    {
        var programme = content.Programme;
        var rule = programme.Progression;
        CheckSources(content, rule.Sources, problems, "programme.json: progression");
        if (rule.GoodDays > rule.OfLastDays)
        {
            problems.Add($"programme.json: progression: goodDays ({rule.GoodDays}) is more than ofLastDays ({rule.OfLastDays})");
        }

        CheckSources(content, programme.WeeklySummary.Sources, problems, "programme.json: weeklySummary");
        var last = 0;
        foreach (var escalation in programme.Escalation)
        {
            var where = $"programme.json: escalation '{escalation.Id}'";
            CheckSources(content, escalation.Sources, problems, where);
            AddKey(keys, escalation.Say, problems, where, "say");
            if (escalation.Flag is { } flag && !content.RedFlags.Flags.Exists(f => f.Id == flag))
            {
                problems.Add($"{where}: unknown red flag '{flag}'");
            }

            if (escalation.AfterDays >= Programme.CheckInSchedule.ProgrammeDays)
            {
                problems.Add($"{where}: afterDays {escalation.AfterDays} is after the programme's {Programme.CheckInSchedule.ProgrammeDays} days");
            }

            if (escalation.AfterDays <= last)
            {
                problems.Add($"{where}: afterDays must grow from one rule to the next");
            }

            last = escalation.AfterDays;
        }

        if (!content.Cards.ContainsKey(WeeklyCard))
        {
            problems.Add($"cards/{WeeklyCard}.json: missing (the bot sends this card)");
        }

        keys.UnionWith(Programme.ProgrammeReview.Keys);
    }
}
