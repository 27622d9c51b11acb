using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Dialogs.Tests;

/// <summary>The phrasing table: what people type, in English and Chinese, and what it must mean.</summary>
public class RecognitionTableTests
{
    private static readonly ChoiceOption[] SleepPositions =
    [
        new("back", ["On my back", "back", "flat", "supine", "平躺", "仰卧", "仰睡"]),
        new("side", ["On my side", "side", "sideways", "curled up", "侧睡", "侧卧"]),
        new("stomach", ["On my front", "front", "stomach", "belly", "face down", "趴着睡", "趴着", "俯卧"]),
        new("varies", ["It varies", "varies", "mixed", "it depends", "不固定", "都有"]),
    ];

    public static TheoryData<string, int?> Numbers() => new()
    {
        { "7", 7 }, { "7/10", 7 }, { "7 out of 10", 7 }, { "about 7", 7 }, { "it's a 6", 6 }, { "0", 0 }, { "10", 10 }, { "10/10", 10 },
        { "seven", 7 }, { "Seven", 7 }, { "eight out of ten", 8 }, { "zero", 0 }, { "ten", 10 }, { "three", 3 }, { "twenty five", 25 },
        { "twenty-one", 21 }, { "nine", 9 }, { "one", 1 }, { "I'd say four", 4 }, { "maybe five", 5 },
        { "七", 7 }, { "七分", 7 }, { "十", 10 }, { "十分", 10 }, { "零", 0 }, { "三", 3 }, { "两", 2 }, { "十一", 11 }, { "二十", 20 },
        { "大概五分", 5 }, { "8分", 8 }, { "九", 9 }, { "六分吧", 6 },
        { "", null }, { "lots", null }, { "very bad", null }, { "😣", null }, { "很痛", null },
    };

    public static TheoryData<string, string?> Choices() => new()
    {
        { "On my back", "back" }, { "back", "back" }, { "Back", "back" }, { "flat on my back", "back" }, { "supine", "back" },
        { "I sleep on my back", "back" }, { "bakc", "back" }, { "1", "back" }, { "the first one", "back" }, { "first", "back" },
        { "平躺", "back" }, { "仰卧", "back" }, { "第一个", "back" }, { "我平躺睡", "back" },
        { "On my side", "side" }, { "side", "side" }, { "sideways", "side" }, { "curled up on my side", "side" }, { "sied", "side" },
        { "2", "side" }, { "the second one", "side" }, { "second", "side" }, { "侧睡", "side" }, { "第二个", "side" },
        { "On my front", "stomach" }, { "front", "stomach" }, { "stomach", "stomach" }, { "stomache", "stomach" }, { "belly", "stomach" },
        { "face down", "stomach" }, { "3", "stomach" }, { "third", "stomach" }, { "趴着", "stomach" }, { "第三个", "stomach" },
        { "It varies", "varies" }, { "varies", "varies" }, { "mixed", "varies" }, { "it depends", "varies" }, { "4", "varies" },
        { "the fourth one", "varies" }, { "不固定", "varies" }, { "第四个", "varies" },
        { "", null }, { "9", null }, { "banana", null }, { "🙂", null }, { "back and side", null }, { "upside down", null },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Number_phrasings(string text, int? expected) => Assert.Equal(expected, NumberRecognizer.Recognize(text));

    [Theory]
    [MemberData(nameof(Choices))]
    public void Choice_phrasings(string text, string? expected) => Assert.Equal(expected, ChoiceRecognizer.Recognize(text, SleepPositions));

    [Theory]
    [InlineData("back", "back", 0)]
    [InlineData("bakc", "back", 1)]
    [InlineData("side", "sied", 1)]
    [InlineData("stomache", "stomach", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Edit_distance(string a, string b, int expected) => Assert.Equal(expected, ChoiceRecognizer.EditDistance(a, b));
}
