using System.Text.Json.Nodes;

namespace BackCareBot.Care.Tests;

/// <summary>The check of a concept's `unless` in dialogs/concepts.json: it must name another concept that exists.</summary>
public sealed partial class ContentTests
{
    [Theory]
    [InlineData("recnt")]
    [InlineData("long_ago")]
    public void An_unless_naming_no_other_concept_is_reported(string named)
    {
        Edit("concepts.json", root => root["concepts"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "long_ago")!["unless"] = new JsonArray(named));

        Assert.Contains($"concepts.json: concept 'long_ago': unless names '{named}', which is not another concept", Problems());
    }
}
