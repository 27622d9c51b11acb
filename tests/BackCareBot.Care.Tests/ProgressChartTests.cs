using BackCareBot.Care.Charts;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Programme;
using SkiaSharp;

namespace BackCareBot.Care.Tests;

/// <summary>
/// The chart draws its labels with the font shipped in the assembly, never a system font: every label of both
/// languages has its glyphs there (no empty boxes), and a label drawn with it differs from the boxes drawn for
/// characters the font lacks.
/// </summary>
public sealed class ProgressChartTests
{
    private static readonly Localizer Localizer = new(CareContent.Load(CareContent.DefaultFolder));

    [Theory]
    [InlineData(Localizer.English)]
    [InlineData(Localizer.Chinese)]
    public void Every_chart_label_has_its_glyphs_in_the_shipped_font(string locale)
    {
        var labels = new ProgressChart(Localizer).Labels(locale).ToList();

        Assert.Equal(10, labels.Count);
        foreach (var label in labels)
        {
            Assert.False(label.StartsWith("chart.", StringComparison.Ordinal), $"untranslated: {label}");
            Assert.True(ChartFont.Covers(label), $"the chart font lacks a character of '{label}': run scripts/chart-font.sh");
        }
    }

    [Fact]
    public void The_font_check_notices_characters_the_font_lacks()
    {
        Assert.True(ChartFont.Covers("疼痛 Pain 0-10"));
        Assert.False(ChartFont.Covers("통증"));
        Assert.False(ChartFont.Covers("腰"));
    }

    [Fact]
    public void Chinese_labels_draw_as_glyphs_not_as_empty_boxes()
    {
        foreach (var label in new ProgressChart(Localizer).Labels(Localizer.Chinese))
        {
            var chinese = new string([.. label.Where(c => c > 127)]);
            var drawn = Draw(chinese);
            var boxes = Draw(new string('\uE000', chinese.Length));

            Assert.NotEqual(boxes, drawn);
            Assert.True(drawn.Count(p => p < 128) > chinese.Length * 20, $"'{chinese}' drew almost nothing");
        }
    }

    [Fact]
    public void The_chart_shows_14_days_then_28_and_only_days_up_to_today()
    {
        var started = new DateOnly(2026, 6, 1);
        List<DiaryDay> days = [new(started, 5, "same"), new(started.AddDays(3), 4, "better"), new(started.AddDays(20), 2, "better")];

        Assert.Equal(14, ProgressChart.DaysShown(started, started.AddDays(13)));
        Assert.Equal(28, ProgressChart.DaysShown(started, started.AddDays(14)));
        Assert.Equal([started, started.AddDays(3)], ProgressChart.Shown(days, started, started.AddDays(10)).Select(d => d.Date));
        Assert.Equal([started.AddDays(3), started.AddDays(20)], ProgressChart.Shown(days, started, started.AddDays(30)).Select(d => d.Date));
    }

    /// <summary>The text drawn in black on white with the chart font, as grey levels.</summary>
    private static byte[] Draw(string text)
    {
        using var bitmap = new SKBitmap(40 * text.Length + 20, 60, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        using var font = new SKFont(ChartFont.Typeface, 32);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.Clear(SKColors.White);
        canvas.DrawText(text, 10, 44, font, paint);
        return bitmap.Bytes;
    }
}
