using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Plots;

/// <summary>Line charts of one or more named series with titled axes (units in the titles, e.g. "mel bin", "level (dB)").</summary>
public static class LineCharts
{
    /// <summary>Default figure size, pixels.</summary>
    public const int DefaultWidth = 900, DefaultHeight = 400;

    /// <summary>All <paramref name="series"/> on one set of axes, with a legend.</summary>
    /// <exception cref="ArgumentException">No series, or a series whose x and y lengths differ.</exception>
    public static GenericChart Lines(IEnumerable<LineSeries> series, string title, string xTitle, string yTitle)
    {
        LineSeries[] all = series.ToArray();
        if (all.Length == 0) throw new ArgumentException($"Line chart '{title}' needs at least one series.", nameof(series));
        foreach (LineSeries line in all)
            if (line.X.Count != line.Y.Count)
                throw new ArgumentException($"Series '{line.Name}' of '{title}' has {line.X.Count} x values but {line.Y.Count} y values.", nameof(series));
        GenericChart chart = CSharpChart.Combine(all.Select(line => CSharpChart.Line<double, double, string>(line.X, line.Y, Name: line.Name, ShowLegend: true)));
        return Layouts.Titled(chart, title, xTitle, yTitle, DefaultWidth, DefaultHeight);
    }

    /// <summary>A single series.</summary>
    public static GenericChart Line(LineSeries series, string title, string xTitle, string yTitle) => Lines([series], title, xTitle, yTitle);
}
