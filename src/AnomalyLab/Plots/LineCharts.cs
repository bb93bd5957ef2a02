using AnomalyLab.Features;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Plots;

/// <summary>
/// Line charts of one or more named series with titled axes (units in the titles, e.g. "time (s)", "level (dB)"). Same width
/// and plot margins as <see cref="SpectrogramPlots"/> with the legend above the plot, so a time-axis line chart under a
/// heatmap lines up with it. Values are written with <see cref="SignificantDigits"/> significant digits.
/// </summary>
public static class LineCharts
{
    /// <summary>Default figure size, pixels.</summary>
    public const int DefaultWidth = 900, DefaultHeight = 400;

    /// <summary>Significant digits kept in the figure data: far below what a line on a 900-pixel plot can show.</summary>
    public const int SignificantDigits = 5;

    /// <summary>All <paramref name="series"/> on one set of axes, with a legend.</summary>
    /// <exception cref="ArgumentException">No series, or a series whose x and y lengths differ.</exception>
    public static GenericChart Lines(IEnumerable<LineSeries> series, string title, string xTitle, string yTitle)
    {
        LineSeries[] all = series.ToArray();
        if (all.Length == 0) throw new ArgumentException($"Line chart '{title}' needs at least one series.", nameof(series));
        foreach (LineSeries line in all)
            if (line.X.Count != line.Y.Count)
                throw new ArgumentException($"Series '{line.Name}' of '{title}' has {line.X.Count} x values but {line.Y.Count} y values.", nameof(series));
        GenericChart chart = CSharpChart.Combine(all.Select(line => CSharpChart.Line<double, double, string>(Rounded(line.X), Rounded(line.Y), Name: line.Name, ShowLegend: true)));
        chart = Layouts.Titled(chart, title, xTitle, yTitle, DefaultWidth, DefaultHeight);
        Layout layout = GenericChart.getLayout(chart);
        layout.SetProperty("margin", Layouts.FixedMargin());
        layout.SetProperty("legend", Layouts.Attributes(("orientation", "h"), ("x", 0.0), ("y", 1.02), ("xanchor", "left"), ("yanchor", "bottom")));
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>A single series.</summary>
    public static GenericChart Line(LineSeries series, string title, string xTitle, string yTitle) => Lines([series], title, xTitle, yTitle);

    /// <summary>
    /// Series over mel bins (x = bin index) with the x-axis read in Hz on its mel spacing (<paramref name="mel"/>; null: bin numbers).
    /// </summary>
    public static GenericChart OverMel(IEnumerable<LineSeries> series, string title, string yTitle, MelAxis? mel)
    {
        GenericChart chart = Lines(series, title, SpectrogramPlots.MelAxisTitle, yTitle);
        Layout layout = GenericChart.getLayout(chart);
        layout.SetProperty("xaxis", SpectrogramPlots.MelAxisAttributes(mel));
        return GenericChart.setLayout(layout, chart);
    }

    private static double[] Rounded(IReadOnlyList<double> values)
    {
        var rounded = new double[values.Count];
        for (int i = 0; i < rounded.Length; i++) rounded[i] = RoundSignificant(values[i]);
        return rounded;
    }

    /// <summary><paramref name="value"/> to <see cref="SignificantDigits"/> significant digits (non-finite values unchanged).</summary>
    internal static double RoundSignificant(double value)
    {
        if (value == 0 || !double.IsFinite(value)) return value;
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        int decimals = SignificantDigits - 1 - magnitude;
        if (decimals >= 0 && decimals <= 15) return Math.Round(value, decimals);
        double scale = Math.Pow(10, magnitude - SignificantDigits + 1);
        return Math.Round(value / scale) * scale;
    }
}
