using BackCareBot.Care.Content;
using BackCareBot.Care.Triage;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Care.Tests;

/// <summary>The number a user is told to call, by country, and the words that go with it.</summary>
public sealed class EmergencyNumberTests
{
    private static readonly CareContent Content = CareContent.Load(Repo.File("dialogs"));
    private readonly EmergencyDirectory _directory = new(Content);

    [Theory]
    [InlineData("HK", "999")]
    [InlineData("TW", "119")]
    [InlineData("SG", "995")]
    [InlineData("AU", "000")]
    [InlineData("NZ", "111")]
    [InlineData("JP", "119")]
    [InlineData("CA", "911")]
    [InlineData("IN", "112")]
    [InlineData("GB", "999")]
    [InlineData("CN", "120")]
    [InlineData("US", "911")]
    [InlineData("FR", "112")]
    public void Each_country_gets_its_own_cited_number(string country, string number)
    {
        var numbers = _directory.For(country);

        Assert.Equal(number, numbers.Emergency);
        Assert.NotEmpty(numbers.Sources);
        Assert.All(numbers.Sources, s => Assert.True(Content.Sources.ContainsKey(s), $"{country}: unknown source {s}"));
        Assert.Equal($"call {number}.", _directory.Fill("call {number}.", "en", country));
    }

    [Theory]
    [InlineData("en", null, "call 112 (or your local emergency number).")]
    [InlineData("en", "BR", "call 112 (or your local emergency number).")]
    [InlineData("zh-CN", null, "call 120（或当地的急救电话）.")]
    public void An_unknown_country_gets_the_locales_number_and_or_your_local_emergency_number(string locale, string? country, string expected)
    {
        Assert.Equal(expected, _directory.Fill("call {number}.", locale, country));
    }

    [Fact]
    public void The_urgent_number_comes_from_emergency_json_with_uk_names_only_for_the_uk()
    {
        Assert.Equal("You can call NHS 111 or ask for an urgent GP appointment. ", _directory.Fill("{urgent}", "en", "GB"));
        Assert.Equal("你也可以拨打111咨询。", _directory.Fill("{urgent}", "zh-CN", "GB"));
        Assert.Equal("Call your doctor's surgery or an urgent care service. ", _directory.Fill("{urgent}", "en", "US"));
        Assert.Equal("go to A&E", _directory.Fill("go to {ed}", "en", "GB"));
        Assert.Equal("go to an emergency department", _directory.Fill("go to {ed}", "en", "AU"));
        Assert.Equal("去医院急诊", _directory.Fill("去{ed}", "zh-CN", "GB"));
    }
}
