using System.Globalization;
using System.Text.RegularExpressions;
using BackCareBot.Dialogs.Recognition;

namespace BackCareBot.Care.Programme;

public enum CheckInCommandKind
{
    None,
    Stop,
    At,
    Snooze,
    Pause,
    Progress,

    /// <summary>"change check-in time": the time card.</summary>
    Change,

    /// <summary>"time zone London": <see cref="CheckInCommand.Zone"/> is the IANA id, or null when the zone was not understood.</summary>
    Zone,
}

/// <summary>
/// A typed check-in command: "check-in at 7:30", "stop check-ins", "not today", "pause check-ins for 3 days", "my
/// progress", "change check-in time", "time zone London", and their Chinese forms.
/// </summary>
public sealed partial record CheckInCommand(CheckInCommandKind Kind, int Minutes = 0, int Days = 0, string? Zone = null)
{
    public const int DefaultPauseDays = 7;
    public static readonly CheckInCommand None = new(CheckInCommandKind.None);

    private static readonly HashSet<string> StopPhrases = new(
        new[] { "stop check ins", "stop checkins", "stop check in", "stop the check ins", "no more check ins", "cancel check ins", "turn off check ins", "停止签到", "取消签到", "停止提醒", "不要再提醒", "不要再提醒我", "关闭签到" }
            .Select(TextNormalizer.Normalize),
        StringComparer.Ordinal);

    private static readonly HashSet<string> ProgressPhrases = new(
        new[] { "my progress", "show my progress", "progress", "my diary", "my pain diary", "how am i doing", "我的进展", "进展", "查看进展", "我的日记", "疼痛日记" }.Select(TextNormalizer.Normalize),
        StringComparer.Ordinal);

    private static readonly HashSet<string> SnoozePhrases = new(
        new[] { "not today", "skip today", "snooze", "no check in today", "今天不用", "今天跳过", "今天不要提醒", "今天不签到" }.Select(TextNormalizer.Normalize),
        StringComparer.Ordinal);

    private static readonly HashSet<string> ChangePhrases = new(
        new[] { "change check in time", "change my check in time", "change the check in time", "change check ins time", "check in time", "change check in", "修改签到时间", "更改签到时间", "改签到时间", "签到时间", "换个签到时间" }.Select(TextNormalizer.Normalize),
        StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(?:my\s+|set\s+(?:my\s+)?)?time\s*zone(?:\s+is|\s+to)?\s*[:：]?\s*(.+?)\s*[.!。！]?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EnglishZone();

    [GeneratedRegex(@"^\s*(?:我的)?时区(?:是|为|改为|改成|设为)?\s*[:：]?\s*(.+?)\s*[。！]?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChineseZone();

    [GeneratedRegex(@"^(?:check ?ins? (?:at |time |time to )?|change (?:my )?check ?ins? time to |remind me (?:every day |daily )?at )(\d{1,2})(?: (\d{2}))? ?(am|pm)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EnglishAt();

    [GeneratedRegex(@"^(?:每天|签到时间改为|签到时间|改到|改为)?(早上|上午|中午|下午|晚上)?([0-9一二两三四五六七八九十]{1,3})点(半|[0-9]{1,2}分?)?(?:签到|提醒我?|打卡)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChineseAt();

    [GeneratedRegex(@"^pause (?:my )?check ?ins?(?: for (\d{1,2}) days?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EnglishPause();

    [GeneratedRegex(@"^暂停(?:签到|提醒)(?:([0-9一二两三四五六七八九十]{1,3})天)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ChinesePause();

    public static CheckInCommand Parse(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length is 0 or > 60)
        {
            return None;
        }

        // CJK needs no spaces: "每天 7 点签到" and "每天7点签到" are the same command.
        var compact = normalized.Replace(" ", "", StringComparison.Ordinal);
        if (StopPhrases.Contains(normalized) || StopPhrases.Contains(compact))
        {
            return new(CheckInCommandKind.Stop);
        }

        if (ProgressPhrases.Contains(normalized) || ProgressPhrases.Contains(compact))
        {
            return new(CheckInCommandKind.Progress);
        }

        if (SnoozePhrases.Contains(normalized) || SnoozePhrases.Contains(compact))
        {
            return new(CheckInCommandKind.Snooze);
        }

        if (ChangePhrases.Contains(normalized) || ChangePhrases.Contains(compact))
        {
            return new(CheckInCommandKind.Change);
        }

        // The zone is read from the text as typed: normalising drops the "+" of "UTC+8".
        var zone = EnglishZone().Match(text!) is { Success: true } english ? english : ChineseZone().Match(text!);
        if (zone.Success && zone.Groups[1].Value.Length > 0)
        {
            return new(CheckInCommandKind.Zone, Zone: CheckInZones.Resolve(zone.Groups[1].Value));
        }

        if (EnglishAt().Match(normalized) is { Success: true } en)
        {
            return At(int.Parse(en.Groups[1].Value, CultureInfo.InvariantCulture), en.Groups[2].Success ? int.Parse(en.Groups[2].Value, CultureInfo.InvariantCulture) : 0, en.Groups[3].Value);
        }

        if (ChineseAt().Match(compact) is { Success: true } zh && ChineseNumber(zh.Groups[2].Value) is { } hour)
        {
            var minute = zh.Groups[3].Value switch
            {
                "" => 0,
                "半" => 30,
                var m => int.Parse(m.TrimEnd('分'), CultureInfo.InvariantCulture),
            };
            var half = zh.Groups[1].Value switch
            {
                "下午" or "晚上" => "pm",
                "中午" when hour < 3 => "pm",
                _ => "",
            };
            return At(hour, minute, half);
        }

        if (EnglishPause().Match(normalized) is { Success: true } pause)
        {
            return Pause(pause.Groups[1].Success ? int.Parse(pause.Groups[1].Value, CultureInfo.InvariantCulture) : DefaultPauseDays);
        }

        if (ChinesePause().Match(compact) is { Success: true } zanting)
        {
            return Pause(zanting.Groups[1].Success ? ChineseNumber(zanting.Groups[1].Value) ?? 0 : DefaultPauseDays);
        }

        return None;
    }

    private static CheckInCommand At(int hour, int minute, string half)
    {
        if (half == "pm" && hour is >= 1 and < 12)
        {
            hour += 12;
        }
        else if (half == "am" && hour == 12)
        {
            hour = 0;
        }

        return hour is >= 0 and < 24 && minute is >= 0 and < 60 && !(half.Length > 0 && hour > 23)
            ? new(CheckInCommandKind.At, Minutes: (hour * 60) + minute)
            : None;
    }

    private static CheckInCommand Pause(int days) => days is >= 1 and <= 60 ? new(CheckInCommandKind.Pause, Days: days) : None;

    /// <summary>Arabic digits, or Chinese numerals up to 99 (七, 十, 十二, 二十).</summary>
    private static int? ChineseNumber(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var arabic))
        {
            return arabic;
        }

        const string Digits = "零一二三四五六七八九";
        int Digit(char c) => c == '两' ? 2 : Digits.IndexOf(c);
        return text switch
        {
            [var one] when one != '十' => Digit(one) is >= 0 and var d ? d : null,
            ['十'] => 10,
            ['十', var unit] => 10 + Digit(unit),
            [var tens, '十'] => Digit(tens) * 10,
            [var tens, '十', var unit] => (Digit(tens) * 10) + Digit(unit),
            _ => null,
        };
    }
}
