using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Conversation;

/// <summary>Words that work at any question, in English and Chinese.</summary>
public enum Command
{
    None,
    Help,
    StartOver,
    Cancel,
    Back,
    Why,
    Quiz,
    WhatDoYouKnow,
    ForgetMe,
    ExportData,
    English,
    Chinese,
}

public static class Commands
{
    private static readonly Dictionary<string, Command> Phrases = Build(
        (Command.Help, ["help", "menu", "what can you do", "帮助", "怎么用", "菜单"]),
        (Command.StartOver, ["start over", "restart", "reset", "start again", "begin again", "重新开始", "重来", "从头开始"]),
        (Command.Cancel, ["cancel", "stop", "quit", "exit", "取消", "停止", "退出"]),
        (Command.Back, ["back", "go back", "previous", "previous question", "undo", "返回", "上一题", "上一步", "回到上一题"]),
        (Command.Why, ["why", "why do you ask", "why are you asking", "why ask", "why do you need to know", "为什么", "为什么问这个", "为什么问", "为什么要问"]),
        (Command.Quiz, ["quiz", "take the quiz", "sleep quiz", "测验", "小测验", "做测验"]),
        (Command.WhatDoYouKnow, ["what do you know about me", "what do you know", "what do you store", "my data", "show my data", "你知道我什么", "你知道我什么信息", "我的数据", "查看我的数据"]),
        (Command.ForgetMe, ["forget me", "delete my data", "delete me", "erase my data", "忘记我", "删除我的数据", "删除我的信息"]),
        (Command.ExportData, ["export my data", "export data", "download my data", "export", "导出我的数据", "导出数据", "下载我的数据", "导出"]),
        (Command.English, ["english", "英文", "英语"]),
        (Command.Chinese, ["中文", "chinese", "简体中文", "汉语", "说中文"]));

    /// <summary>The command a message is, if any; "?" (all punctuation, so blank once normalised) is help.</summary>
    public static Command Match(string? text) =>
        text?.Trim() is "?" or "？" ? Command.Help
        : Phrases.TryGetValue(TextNormalizer.Normalize(text), out var command) ? command
        : Command.None;

    private static Dictionary<string, Command> Build(params (Command Command, string[] Phrases)[] table)
    {
        var map = new Dictionary<string, Command>(StringComparer.Ordinal);
        foreach (var (command, phrases) in table)
        {
            foreach (var phrase in phrases)
            {
                map[TextNormalizer.Normalize(phrase)] = command;
            }
        }

        return map;
    }
}
