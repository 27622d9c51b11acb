using ScottPlot;
using SkiaSharp;

namespace BackCareBot.Care.Charts;

/// <summary>
/// The one font the progress chart draws with, shipped inside the assembly: a subset of Noto Sans CJK SC (SIL Open
/// Font License 1.1, <c>Charts/Font/OFL.txt</c>) holding printable ASCII and the characters of the Chinese chart
/// labels (<c>scripts/chart-font.sh</c>). No font installed on the server is needed or used.
/// </summary>
public static class ChartFont
{
    public const string Name = "BackCareBot Chart Sans";

    private static readonly Lazy<SKTypeface> Loaded = new(() =>
    {
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream("BackCareBot.Care.Charts.NotoSansSC-Chart.otf")
            ?? throw new InvalidOperationException("The chart font is not embedded in the assembly.");
        using var data = SKData.Create(stream);
        var typeface = SKTypeface.FromData(data) ?? throw new InvalidOperationException("The chart font could not be read.");
        Fonts.FontResolvers.Add(new Resolver(typeface));
        return typeface;
    });

    /// <summary>The font, registered with ScottPlot under <see cref="Name"/> on first use.</summary>
    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>Whether every character of the text has a glyph in the font (no empty boxes).</summary>
    public static bool Covers(string text)
    {
        using var font = new SKFont(Typeface);
        return font.ContainsGlyphs(text);
    }

    /// <summary>Answers ScottPlot's font look-ups for <see cref="Name"/> (any weight or slant) with the shipped font.</summary>
    private sealed class Resolver(SKTypeface typeface) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Name ? typeface : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => fontName == Name ? typeface : null;
    }
}
