using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Content;

public sealed class RedFlagFile
{
    public List<TriageLevel> Levels { get; set; } = [];

    public List<RedFlag> Flags { get; set; } = [];
}

/// <summary>L1 (ambulance) .. L5 (self-care): the urgency the user is told.</summary>
public sealed class TriageLevel
{
    public string Id { get; set; } = "";

    public string Message { get; set; } = "";

    /// <summary>What to do now and "if X happens, call Y" for this level.</summary>
    public string SafetyNet { get; set; } = "";
}

public sealed class RedFlag
{
    public string Id { get; set; } = "";

    public string Level { get; set; } = "";

    public string Question { get; set; } = "";

    public List<string> Sources { get; set; } = [];

    /// <summary>A flow to ask next when the flag is raised from free text (e.g. RF12 -> RF12b).</summary>
    public string? FollowUp { get; set; }
}

public sealed class EmergencyFile
{
    public EmergencyNumbers Default { get; set; } = new();

    public List<EmergencyNumbers> Regions { get; set; } = [];

    /// <summary>The region whose numbers a language's users get when their country is unknown (zh-CN -> CN).</summary>
    public Dictionary<string, string> Locales { get; set; } = [];
}

public sealed class EmergencyNumbers
{
    public string Region { get; set; } = "";

    public string Emergency { get; set; } = "";

    public string? Urgent { get; set; }

    public List<string>? Countries { get; set; }

    public List<string> Sources { get; set; } = [];
}

public sealed class SourceFile
{
    public List<Source> Sources { get; set; } = [];
}

public sealed class Source
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string Url { get; set; } = "";
}

public sealed class AdviceFile
{
    public List<AdviceRow> Rows { get; set; } = [];
}

public sealed class AdviceRow
{
    public string Id { get; set; } = "";

    public Condition When { get; set; } = new();

    public List<string> Advice { get; set; } = [];

    public List<string> Sources { get; set; } = [];

    /// <summary>The triage level this advice raises the conversation to (e.g. L4 for an inflammatory pattern).</summary>
    public string? Level { get; set; }

    /// <summary>When it is said: "tonight" (right after the sleep questions), "main" (the default) or "daily_life".</summary>
    public string? Moment { get; set; }
}

public sealed class ExerciseFile
{
    public List<Exercise> Exercises { get; set; } = [];
}

public sealed class Exercise
{
    public string Id { get; set; } = "";

    /// <summary>stretch, mobility or strength.</summary>
    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public string Image { get; set; } = "";

    public string ImageAlt { get; set; } = "";

    /// <summary>Highest pain score (0-10) at which the exercise is offered.</summary>
    public int PainMax { get; set; }

    public string Start { get; set; } = "";

    public List<string> Steps { get; set; } = [];

    public ExerciseDoses Dose { get; set; } = new();

    public string Easier { get; set; } = "";

    public string Harder { get; set; } = "";

    public string Stop { get; set; } = "";

    public List<string> Sources { get; set; } = [];

    public string? Seed { get; set; }

    /// <summary>Where the card deliberately differs from the seed's wording, and why.</summary>
    public SeedChoice? SeedChoice { get; set; }

    /// <summary>Answers for which the exercise is never offered.</summary>
    public Condition? ExcludeWhen { get; set; }

    /// <summary>Answers for which the exercise suits best: it is picked before those that merely fit.</summary>
    public Condition? PreferWhen { get; set; }

    /// <summary>The gentler exercise that replaces this one after "It hurts"; none: it is left out.</summary>
    public string? Regression { get; set; }
}

public sealed class SeedChoice
{
    public string SeedSays { get; set; } = "";

    /// <summary>The step key that says it differently.</summary>
    public string CardSays { get; set; } = "";

    public string Note { get; set; } = "";

    public List<string> Sources { get; set; } = [];
}

public sealed class ExerciseDoses
{
    public ExerciseDose? Standard { get; set; }

    public ExerciseDose? Gentle { get; set; }
}

public sealed class ExerciseDose
{
    public int Reps { get; set; }

    public int HoldSeconds { get; set; }

    public int Sets { get; set; }

    public int RestSeconds { get; set; }

    public string Frequency { get; set; } = "";
}

public sealed class QuizFile
{
    public List<QuizQuestion> Questions { get; set; } = [];
}

public sealed class QuizQuestion
{
    public string Id { get; set; } = "";

    public string Prompt { get; set; } = "";

    public List<FlowChoice> Choices { get; set; } = [];

    public string Answer { get; set; } = "";

    public string Explanation { get; set; } = "";

    public string Source { get; set; } = "";
}

public sealed class LocaleFile
{
    public Dictionary<string, string> Strings { get; set; } = [];

    public Dictionary<string, List<string>> Synonyms { get; set; } = [];
}
