using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Plots;

/// <summary>One small map of a grid: a title and values <c>[n_mels, frames]</c>.</summary>
public sealed record MaskPanel(string Title, float[,] Values);

/// <summary>
/// Several small heatmaps (e.g. a batch of masks or localisation maps) in a grid of subplots sharing one colour range,
/// so panels compare by colour. Diverging (symmetric about 0) when <c>diverging</c> is set, else sequential.
/// </summary>
public static class MaskGridChart
{
    /// <summary>Panel size, pixels.</summary>
    public const int PanelWidth = 300, PanelHeight = 220;

    /// <summary>
    /// A grid of <paramref name="panels"/>, <paramref name="columns"/> per row. <paramref name="frameSeconds"/> gives time in s
    /// on x (null: frames); <paramref name="mel"/> labels the y-axis in Hz on its mel spacing (null: mel bins).
    /// <paramref name="diverging"/> uses ±max|value| about 0; otherwise the range is [min, max] of all panels.
    /// </summary>
    /// <exception cref="ArgumentException">No panels or columns &lt; 1.</exception>
    public static GenericChart Create(IReadOnlyList<MaskPanel> panels, string title, int columns = 4, double? frameSeconds = null, bool diverging = false, string colorbarTitle = "value", AnomalyLab.Features.MelAxis? mel = null)
    {
        if (panels.Count == 0) throw new ArgumentException($"Mask grid '{title}' needs at least one panel.", nameof(panels));
        if (columns < 1) throw new ArgumentException($"Mask grid '{title}': columns must be at least 1 (got {columns}).", nameof(columns));
        columns = Math.Min(columns, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        var charts = SpectrogramPlots.SharedScaleTraces(panels, frameSeconds, colorbarTitle, diverging);
        GenericChart grid = CSharpChart.Grid(charts, rows, columns, SubPlotTitles: panels.Select(panel => panel.Title).ToArray(), XGap: 0.08, YGap: 0.18);
        Layout layout = GenericChart.getLayout(grid);
        layout.SetProperty("title", Layouts.Attributes(("text", title)));
        layout.SetProperty("width", Math.Max(PanelWidth * columns, 500));
        layout.SetProperty("height", PanelHeight * rows + 80);
        // Axis titles on the first column / last row only, like a shared axis.
        for (int index = 0; index < panels.Count; index++)
        {
            int row = index / columns, column = index % columns;
            string suffix = index == 0 ? "" : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var xAxis = Layouts.Attributes(("title", Layouts.Attributes(("text", row == rows - 1 || index + columns >= panels.Count ? SpectrogramPlots.TimeAxisTitle(frameSeconds) : ""))));
            var yAxis = SpectrogramPlots.MelAxisAttributes(mel);
            if (column != 0) yAxis.SetProperty("title", Layouts.Attributes(("text", "")));
            Layouts.MergeAxis(layout, "xaxis" + suffix, xAxis);
            Layouts.MergeAxis(layout, "yaxis" + suffix, yAxis);
        }
        return GenericChart.setLayout(layout, grid);
    }
}
