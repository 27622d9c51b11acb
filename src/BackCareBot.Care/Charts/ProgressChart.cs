using System.Globalization;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Programme;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace BackCareBot.Care.Charts;

/// <summary>
/// The progress chart (ScottPlot 5 on SkiaSharp): pain 0-10 on the left axis and morning stiffness (under 30 min,
/// 30-60, over 60) on the right, one point per check-in over the last 14 days, or 28 once the programme is older
/// than 14 days; dates as month-day, labels in the user's language drawn with <see cref="ChartFont"/>.
/// </summary>
public sealed class ProgressChart(Localizer localizer)
{
    public const int Width = 800;
    public const int Height = 400;

    private static readonly string[] StiffnessLevels = ["under30", "30to60", "over60"];

    /// <summary>How many days the chart shows for a programme that started on <paramref name="started"/>.</summary>
    public static int DaysShown(DateOnly started, DateOnly today) => today.DayNumber - started.DayNumber >= 14 ? 28 : 14;

    /// <summary>The check-ins the chart shows: those of the last <see cref="DaysShown"/> days up to today.</summary>
    public static IReadOnlyList<DiaryDay> Shown(IReadOnlyList<DiaryDay> days, DateOnly started, DateOnly today)
    {
        var first = today.AddDays(1 - DaysShown(started, today));
        return [.. days.Where(d => d.Date >= first && d.Date <= today)];
    }

    /// <summary>Every text the chart can draw in a language, for the check that the font has each character.</summary>
    public IEnumerable<string> Labels(string locale) =>
        [Title(locale, 14), Title(locale, 28), T(locale, "chart.date"), T(locale, "chart.pain"), T(locale, "chart.stiffness"),
         T(locale, "chart.legend_pain"), T(locale, "chart.legend_stiffness"), .. StiffnessLevels.Select(s => T(locale, "chart.stiffness." + s))];

    public byte[] Render(IReadOnlyList<DiaryDay> diary, DateOnly started, DateOnly today, string locale)
    {
        var length = DaysShown(started, today);
        var first = today.AddDays(1 - length);
        var days = Shown(diary, started, today);
        using var plot = new Plot();
        _ = ChartFont.Typeface;

        double X(DateOnly date) => date.DayNumber - first.DayNumber;
        var pain = plot.Add.Scatter(days.Select(d => X(d.Date)).ToArray(), days.Select(d => (double)d.Pain).ToArray());
        pain.LegendText = T(locale, "chart.legend_pain");
        pain.LineWidth = 3;
        pain.MarkerSize = 9;
        pain.Color = new Color(0xC2, 0x3B, 0x22);

        var stiff = days.Where(d => d.Stiffness.Length > 0).ToList();
        var stiffness = plot.Add.Scatter(stiff.Select(d => X(d.Date)).ToArray(), stiff.Select(d => Array.IndexOf(StiffnessLevels, d.Stiffness) + 1.0).ToArray());
        stiffness.LegendText = T(locale, "chart.legend_stiffness");
        stiffness.Axes.YAxis = plot.Axes.Right;
        stiffness.LineWidth = 2;
        stiffness.LinePattern = LinePattern.Dashed;
        stiffness.MarkerSize = 8;
        stiffness.MarkerShape = MarkerShape.FilledSquare;
        stiffness.Color = new Color(0x1F, 0x5F, 0xA8);

        var dates = new NumericManual();
        var step = length == 14 ? 2 : 4;
        for (var day = 0; day < length; day += step)
        {
            dates.AddMajor(day, first.AddDays(day).ToString("MM-dd", CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = dates;
        var levels = new NumericManual();
        for (var i = 0; i < StiffnessLevels.Length; i++)
        {
            levels.AddMajor(i + 1, T(locale, "chart.stiffness." + StiffnessLevels[i]));
        }

        plot.Axes.Right.TickGenerator = levels;
        plot.Axes.SetLimitsX(-0.5, length - 0.5);
        plot.Axes.SetLimitsY(0, 10.5, plot.Axes.Left);
        plot.Axes.SetLimitsY(0.5, 3.5, plot.Axes.Right);
        plot.Axes.Bottom.Label.Text = T(locale, "chart.date");
        plot.Axes.Left.Label.Text = T(locale, "chart.pain");
        plot.Axes.Right.Label.Text = T(locale, "chart.stiffness");
        plot.Title(Title(locale, length));
        plot.ShowLegend(Alignment.UpperRight);
        // Last, so every label set above is drawn with the shipped font.
        plot.Font.Set(ChartFont.Name);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private string Title(string locale, int days) => localizer.Text(locale, "chart.title", "days", days.ToString(CultureInfo.InvariantCulture));

    private string T(string locale, string key) => localizer.Text(locale, key);
}
