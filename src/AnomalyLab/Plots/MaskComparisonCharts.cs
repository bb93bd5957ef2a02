using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Plots;

/// <summary>One preset's agreement on one machine id, split into its four weighted parts (each w_i · S_i / Σw, so they stack to the score).</summary>
/// <param name="Preset">Preset name.</param>
/// <param name="MachineId">Machine id.</param>
/// <param name="Parts">Part name → weighted contribution (mel, time, run length, band width), in stacking order.</param>
public sealed record AgreementBar(string Preset, string MachineId, IReadOnlyList<(string Part, double Value)> Parts);

/// <summary>A panel with its own colour range: title, values <c>[n_mels, frames]</c> and the colour-bar title (unit).</summary>
public sealed record ScaledPanel(string Title, float[,] Values, string Unit);

/// <summary>
/// Figures that answer "which mask preset matches the real anomalies best": stacked agreement bars per id, maps each on its own
/// colour scale, profiles with the real one in black, and binary masks with a categorical legend. Mask-specific; the shared heatmap
/// builders (<see cref="MaskGridChart"/>, <see cref="SpectrogramPlots"/>) are left as they are.
/// </summary>
public static class MaskComparisonCharts
{
    /// <summary>Colours of the four agreement parts (colour-blind safe Okabe–Ito).</summary>
    public static IReadOnlyList<string> PartColors { get; } = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];

    /// <summary>Colour of the real (measured) line in profile overlays.</summary>
    public const string RealColor = "#000000";

    /// <summary>
    /// One subplot per machine id, one stacked bar per preset: the bar's height is the agreement score and its segments the four
    /// parts. Parts share colours and one legend across subplots; y from 0 to 1.
    /// </summary>
    public static GenericChart AgreementBars(IReadOnlyList<AgreementBar> bars, string title)
    {
        if (bars.Count == 0) throw new ArgumentException($"Agreement chart '{title}' needs at least one bar.", nameof(bars));
        string[] ids = bars.Select(b => b.MachineId).Distinct().ToArray();
        string[] parts = bars[0].Parts.Select(p => p.Part).ToArray();
        var charts = ids.Select((id, column) =>
        {
            var mine = bars.Where(b => b.MachineId == id).ToArray();
            var stacked = parts.Select((part, k) => CSharpChart.StackedColumn<double, string, string>(
                mine.Select(b => b.Parts[k].Value).ToArray(), mine.Select(b => b.Preset).ToArray(), Name: part, ShowLegend: column == 0,
                MarkerColor: Color.fromString(PartColors[k % PartColors.Count]))).ToArray();
            GenericChart combined = CSharpChart.Combine(stacked);
            foreach (Trace trace in GenericChart.getTraces(combined)) trace.SetProperty("legendgroup", trace.TryGetTypedPropertyValue<string>("name")?.Value ?? "");
            return combined;
        }).ToArray();
        GenericChart grid = CSharpChart.Grid(charts, 1, ids.Length, SubPlotTitles: ids, XGap: 0.06);
        Layout layout = GenericChart.getLayout(grid);
        layout.SetProperty("title", Layouts.Attributes(("text", title)));
        layout.SetProperty("barmode", "stack");
        layout.SetProperty("width", Math.Max(420, 320 * ids.Length));
        layout.SetProperty("height", 460);
        for (int i = 0; i < ids.Length; i++)
        {
            string suffix = i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Layouts.MergeAxis(layout, "yaxis" + suffix, Layouts.Attributes(("range", new[] { 0.0, 1.0 }), ("title", Layouts.Attributes(("text", i == 0 ? "agreement (stacked parts)" : ""))))); 
        }
        return GenericChart.setLayout(layout, grid);
    }

    /// <summary>
    /// Maps side by side, each with its own colour range [min, max] and its own colour bar (so a probability map in 0–0.3 next to an
    /// excess map in 0–11 dB both show their structure). Mel bin on y, frame on x.
    /// </summary>
    public static GenericChart OwnScalePanels(IReadOnlyList<ScaledPanel> panels, string title, int columns = 3)
    {
        if (panels.Count == 0) throw new ArgumentException($"Panel grid '{title}' needs at least one panel.", nameof(panels));
        columns = Math.Clamp(columns, 1, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        var charts = panels.Select((panel, index) =>
        {
            (double low, double high) = ColorScales.Range([panel.Values]);
            GenericChart chart = SpectrogramPlots.Trace(panel.Values, null, panel.Unit, ColorScales.Levels, null, showScale: true);
            int row = index / columns, column = index % columns;
            foreach (Trace trace in GenericChart.getTraces(chart))
            {
                trace.SetProperty("zmin", low);
                trace.SetProperty("zmax", high > low ? high : low + 1e-9);
                // Each panel's colour bar sits just right of its own subplot.
                trace.SetProperty("colorbar", Layouts.Attributes(("title", Layouts.Attributes(("text", panel.Unit))), ("len", 0.9 / rows),
                    ("y", 1 - (row + 0.5) / rows), ("x", (column + 1.0) / columns - 0.02), ("thickness", 10)));
            }
            return chart;
        }).ToList();
        GenericChart grid = CSharpChart.Grid(charts, rows, columns, SubPlotTitles: panels.Select(p => p.Title).ToArray(), XGap: 0.22, YGap: 0.2);
        Layout layout = GenericChart.getLayout(grid);
        layout.SetProperty("title", Layouts.Attributes(("text", title)));
        layout.SetProperty("width", Math.Max(380 * columns, 500));
        layout.SetProperty("height", 260 * rows + 80);
        return GenericChart.setLayout(layout, grid);
    }

    /// <summary>Lines over a common x: the real profile in black (thicker), the presets in the default colours.</summary>
    public static GenericChart ProfilesOverReal(LineSeries real, IEnumerable<LineSeries> presets, string title, string xTitle, string yTitle)
    {
        var lines = presets.Select(p => CSharpChart.Line<double, double, string>(p.X, p.Y, Name: p.Name, ShowLegend: true)).ToList();
        GenericChart realLine = CSharpChart.Line<double, double, string>(real.X, real.Y, Name: real.Name, ShowLegend: true,
            LineColor: Color.fromString(RealColor), LineWidth: 3.0);
        lines.Add(realLine);
        return Layouts.Titled(CSharpChart.Combine(lines), title, xTitle, yTitle, LineCharts.DefaultWidth, LineCharts.DefaultHeight);
    }

    /// <summary>
    /// Integer-valued maps (binary masks, region maps) as a grid with a categorical legend: value k is drawn in
    /// <paramref name="colors"/>[k] and named <paramref name="categories"/>[k] on a stepped colour bar, never a continuous scale.
    /// </summary>
    /// <param name="panels">Maps <c>[n_mels, frames]</c> holding the category index 0..n−1 in each cell.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="categories">Category names, index = value.</param>
    /// <param name="colors">One colour per category (default <see cref="ColorScales.Categories"/>: light grey for 0, then Okabe–Ito).</param>
    /// <param name="columns">Panels per row.</param>
    /// <param name="frameSeconds">Hop in s for a time axis in seconds; null = frames.</param>
    public static GenericChart Categorical(IReadOnlyList<MaskPanel> panels, string title, IReadOnlyList<string> categories, IReadOnlyList<string>? colors = null, int columns = 3, double? frameSeconds = null)
    {
        if (panels.Count == 0) throw new ArgumentException($"Categorical grid '{title}' needs at least one panel.", nameof(panels));
        if (categories.Count < 2) throw new ArgumentException($"Categorical grid '{title}' needs at least two categories.", nameof(categories));
        colors ??= ColorScales.Categories(categories.Count);
        if (colors.Count != categories.Count) throw new ArgumentException($"Categorical grid '{title}': {categories.Count} categories but {colors.Count} colours.", nameof(colors));
        columns = Math.Clamp(columns, 1, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        var charts = panels.Select((panel, index) =>
            SpectrogramPlots.CategoricalTrace(panel.Values, frameSeconds, categories, colors, showScale: index == 0, colorbarLength: 0.5)).ToList();
        if (panels.Count == 1)
            return Layouts.Titled(charts[0], title, SpectrogramPlots.TimeAxisTitle(frameSeconds), SpectrogramPlots.MelAxisTitle, SpectrogramPlots.DefaultWidth, SpectrogramPlots.DefaultHeight);
        GenericChart grid = CSharpChart.Grid(charts, rows, columns, SubPlotTitles: panels.Select(p => p.Title).ToArray(), XGap: 0.08, YGap: 0.18);
        Layout layout = GenericChart.getLayout(grid);
        layout.SetProperty("title", Layouts.Attributes(("text", title)));
        layout.SetProperty("width", Math.Max(MaskGridChart.PanelWidth * columns, 500));
        layout.SetProperty("height", MaskGridChart.PanelHeight * rows + 80);
        return GenericChart.setLayout(layout, grid);
    }
}
