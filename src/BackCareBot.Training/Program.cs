using System.Globalization;
using BackCareBot.Care.Content;
using BackCareBot.Care.Understanding;
using BackCareBot.Training;

// Rebuilds dialogs/second-net/{locale}.json from the training lines:
//   dotnet run -c Release --project src/BackCareBot.Training [repo root]
// With --try, reads messages from standard input and prints what the rule net and the second net make of each.
var tryOut = args.Contains("--try");
var root = args.FirstOrDefault(a => a != "--try") ?? Directory.GetCurrentDirectory();
if (tryOut)
{
    var content = CareContent.Load(Path.Combine(root, "dialogs"));
    var ruleNet = new WarningSignRecognizer(content);
    var secondNet = new SecondNet(content);
    while (Console.ReadLine() is { } line)
    {
        var rule = ruleNet.Recognize(line);
        var asked = rule is null ? secondNet.Recognize(line) : null;
        var model = content.SecondNet[SignFeatures.IsChinese(line) ? "zh-CN" : "en"];
        var best = model.Best(SignFeatures.Of(line));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rule net: {(rule is null ? "nothing" : rule.Tier + " " + rule.Flag.Id)}; second net: {(asked is null ? "nothing" : "ask " + asked.Flag.Id)} (best {best?.Flag} by {best?.Margin:F2}, threshold {model.Threshold}) | {line}"));
    }

    return;
}

foreach (var locale in SecondNetTrainer.Locales)
{
    var model = SecondNetTrainer.Train(root, locale);
    var path = SecondNetTrainer.PathOf(root, locale);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, SecondNetTrainer.Serialize(model));
    var t = model.Training;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{locale}: {t.Lines.Values.Sum()} lines, {model.Features.Count} features, threshold {model.Threshold}; cross-validated: ordinary asked {t.OrdinaryAsked:P1}, answers asked {t.AnswersAsked:P1}, signs caught by the second net alone {t.SignsCaughtAlone:P1}"));
}
