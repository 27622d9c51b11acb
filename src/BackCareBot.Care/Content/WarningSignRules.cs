using System.Text.RegularExpressions;
using BackCareBot.Dialogs.Flows;

namespace BackCareBot.Care.Content;

/// <summary>
/// Rules for how warning-sign questions and care pathways are worded: one condition per yes/no question (or per line
/// of a "Do any of these apply?" list), no negative questions, "Not sure" on every one, a safety net with a number
/// at every level, UK service names only for UK users, and the words Chinese patients use.
/// </summary>
internal static partial class WarningSignRules
{
    /// <summary>Words that join two conditions in one question: "AND"/"OR" in capitals, any "and", "or" before a new clause.</summary>
    [GeneratedRegex(@"\b(AND|OR)\b|\band\b|\bor (do|does|did|is|are|was|were|have|has|had|can|could|will|you)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishJoin();

    [GeneratedRegex(@"\bnot\b|n't\b|\bno longer\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishNegative();

    [GeneratedRegex("而且|并且|同时|？或者|吗？还是", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseJoin();

    [GeneratedRegex(@"\bGP\b|A&E|\bNHS\b", RegexOptions.CultureInvariant)]
    private static partial Regex UkServices();

    /// <summary>Translated-sounding or wrong Chinese, and the words patients use instead.</summary>
    private static readonly (string Avoid, string Use)[] ChineseWords =
    [
        ("刺痛", "发麻、针扎感 (tingling, pins and needles)"),
        ("危险信号", "警示症状 (one term for warning signs)"),
        ("下背部", "腰"),
        ("俯卧撑", "a name that is not a push-up (俯卧伸展)"),
        ("消炎药", "布洛芬等止痛药"),
        ("消炎止痛药", "布洛芬等止痛药"),
        ("激素药", "糖皮质激素（如泼尼松）"),
        ("中等硬度", "中等偏硬 (medium-firm)"),
        ("最省力", "对腰最温和 (kindest)"),
        ("超人式", "小燕飞"),
        ("大小便困难", "大小便失控或没有感觉"),
        ("全科医生", "医院门诊 (骨科或康复科)"),
        ("理疗师", "康复治疗师"),
        ("NHS", "the guidance, not NHS"),
        ("英国", "the guidance, not a UK body"),
    ];

    public static void ValidateQuestions(CareContent content, List<string> problems)
    {
        var screeningFlows = content.RedFlags.Flags.Select(f => f.FollowUp).OfType<string>().Append("redflags").ToHashSet(StringComparer.Ordinal);
        foreach (var flow in content.Flows.Values)
        {
            foreach (var step in flow.Steps.Where(s => s.Kind is StepKinds.YesNo or StepKinds.Form && (s.Flag is not null || screeningFlows.Contains(flow.Id))))
            {
                var where = $"flows/{flow.Id}.json: flow '{flow.Id}', step '{step.Id}'";
                if (!step.AllowUnsure && step.Kind == StepKinds.YesNo)
                {
                    problems.Add($"{where}: a warning-sign question needs \"Not sure\" (allowUnsure)");
                }

                CheckLines(content, "en", step.Prompt, EnglishJoin(), "joins two conditions in one question; ask them one at a time", where, problems);
                CheckLines(content, "zh-CN", step.Prompt, ChineseJoin(), "joins two conditions in one question; ask them one at a time", where, problems);
                CheckLines(content, "en", step.Prompt, EnglishNegative(), "is a negative question; ask it the positive way", where, problems);
            }
        }

        foreach (var level in content.RedFlags.Levels)
        {
            foreach (var locale in ContentValidator.RequiredLocales)
            {
                if (content.Locales.TryGetValue(locale, out var file) && file.Strings.TryGetValue(level.SafetyNet, out var net) && !net.Contains("{number}", StringComparison.Ordinal))
                {
                    problems.Add($"locales/{locale}.json: '{level.SafetyNet}' (safety net of {level.Id}) does not say which number to call ({{number}})");
                }
            }
        }
    }

    public static void ValidateWording(CareContent content, List<string> problems)
    {
        if (content.Locales.TryGetValue("en", out var english))
        {
            foreach (var (key, text) in english.Strings.Where(s => !s.Key.EndsWith(".GB", StringComparison.Ordinal) && UkServices().IsMatch(s.Value)).OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                problems.Add($"locales/en.json: '{key}' names a UK service ({UkServices().Match(text).Value}) for every user; use {{gp}}/{{ed}} or a '.GB' key");
            }
        }

        if (content.Locales.TryGetValue("zh-CN", out var chinese))
        {
            foreach (var (key, text) in chinese.Strings.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                foreach (var (avoid, use) in ChineseWords.Where(w => text.Contains(w.Avoid, StringComparison.Ordinal)))
                {
                    problems.Add($"locales/zh-CN.json: '{key}' says '{avoid}'; use {use}");
                }

                // One name for the bot: 护腰助手; "BackCareBot" only as the quoted name to search for in Teams.
                if (text.Replace("“BackCareBot”", string.Empty, StringComparison.Ordinal).Contains("BackCareBot", StringComparison.Ordinal))
                {
                    problems.Add($"locales/zh-CN.json: '{key}' calls the bot BackCareBot; its Chinese name is 护腰助手");
                }
            }
        }
    }

    /// <summary>Checks each line of a prompt: a "Do any of these apply?" list holds one condition per line.</summary>
    private static void CheckLines(CareContent content, string locale, string? key, Regex rule, string problem, string where, List<string> problems)
    {
        if (key is null || !content.Locales.TryGetValue(locale, out var file) || !file.Strings.TryGetValue(key, out var text))
        {
            return;
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => rule.IsMatch(l)))
        {
            problems.Add($"{where}: {locale} \"{line}\" {problem}");
        }
    }
}
