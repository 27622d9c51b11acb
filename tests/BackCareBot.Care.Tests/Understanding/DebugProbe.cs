using BackCareBot.Care.Understanding;
using Xunit.Abstractions;

namespace BackCareBot.Care.Tests.Understanding;

public sealed class DebugProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var r = new WarningSignRecognizer(ConversationDriver.Content);
        foreach (var t in File.ReadAllLines("/tmp/probe.txt"))
        {
            var units = TextUnits.Split(t);
            var lx = new Lexicon(ConversationDriver.Content.Concepts); lx.Correct(units); output.WriteLine(string.Join(" ", lx.Match(units).Select(h => $"{h.Start}-{h.End}:{h.Role}:{string.Join("/", h.Concepts)}")));
            output.WriteLine($"{t} => [{string.Join(",", units.Select(u => u.Key + (u.After != Break.None ? "|" : "")))}] {string.Join(",", r.Concepts(t))} -> {r.Recognize(t)?.Flag.Id} {r.Recognize(t)?.Tier}");
        }
    }
}
