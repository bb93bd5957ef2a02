using System.Globalization;
using AnomalyLab.Features;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Plots;

/// <summary>
/// Heatmaps of <c>[n_mels, frames]</c> arrays: mel bin on y (0 = lowest band; with a <see cref="MelAxis"/> the ticks say Hz on
/// the mel-spaced axis, like librosa's <c>specshow(y_axis='mel')</c>), time on x (seconds when the frame step is known, else
/// frame index), colour in dB. Difference maps use a diverging scale whose range is symmetric about 0 (zmin = −zmax, zmid = 0),
/// so white always means "no difference". Every heatmap has the same plot margins and width as <see cref="LineCharts"/>, so
/// figures stacked on a page line up on their x-axis.
/// </summary>
public static class SpectrogramPlots
{
    /// <summary>Default figure size, pixels.</summary>
    public const int DefaultWidth = 900, DefaultHeight = 420;

    /// <summary>Heatmap of a log-mel spectrogram: time in s, mel bins labelled in Hz, colour in dB.</summary>
    public static GenericChart Heatmap(LogMelSpectrogram spectrogram, string? title = null) =>
        Heatmap(spectrogram.Values, title ?? $"Log-mel of {spectrogram.Source}", spectrogram.FrameSeconds, mel: MelAxis.From(spectrogram.Options));

    /// <summary>
    /// Heatmap of <paramref name="values"/> <c>[n_mels, frames]</c>. <paramref name="frameSeconds"/> is the hop in seconds
    /// (x in s); null puts frame indices on x. <paramref name="colorbarTitle"/> names the unit of the values;
    /// <paramref name="mel"/> labels the mel bins in Hz (null: bin numbers).
    /// </summary>
    public static GenericChart Heatmap(float[,] values, string title, double? frameSeconds = null, string colorbarTitle = "dB", MelAxis? mel = null) =>
        Build(values, title, frameSeconds, colorbarTitle, ColorScales.Levels, symmetricLimit: null, mel);

    /// <summary>
    /// Diverging heatmap of a difference <c>[n_mels, frames]</c> (e.g. preset A − preset B), symmetric about 0:
    /// zmin = −L, zmax = L, zmid = 0 with L = max |value|.
    /// </summary>
    public static GenericChart Difference(float[,] difference, string title, double? frameSeconds = null, string colorbarTitle = "Δ dB", MelAxis? mel = null) =>
        Build(difference, title, frameSeconds, colorbarTitle, ColorScales.Differences, ColorScales.SymmetricLimit(difference), mel);

    /// <summary>Difference heatmap of <paramref name="a"/> − <paramref name="b"/> (same shape), time in s, mel bins in Hz.</summary>
    public static GenericChart Difference(LogMelSpectrogram a, LogMelSpectrogram b, string? title = null) =>
        Difference(a.Minus(b), title ?? $"{a.Source} − {b.Source}", a.FrameSeconds, mel: MelAxis.From(a.Options));

    /// <summary>
    /// A map of categories <c>[n_mels, frames]</c> (values 0 … k − 1, e.g. a binary mask or "none / found / true / both") with a
    /// categorical colour legend: one solid colour per category and the colour bar labelled with the category names at their
    /// centres — never a continuous bar.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two categories, colours and names of different lengths, or a value outside 0 … k − 1.</exception>
    public static GenericChart Categorical(int[,] categories, IReadOnlyList<string> names, string title, double? frameSeconds = null, MelAxis? mel = null, IReadOnlyList<string>? colors = null)
    {
        colors ??= ColorScales.Categories(names.Count);
        if (names.Count < 2) throw new ArgumentException($"Categorical map '{title}' needs at least two categories.", nameof(names));
        if (colors.Count != names.Count) throw new ArgumentException($"Categorical map '{title}' has {names.Count} names but {colors.Count} colours.", nameof(colors));
        var values = new float[categories.GetLength(0), categories.GetLength(1)];
        for (int m = 0; m < categories.GetLength(0); m++)
            for (int t = 0; t < categories.GetLength(1); t++)
            {
                int category = categories[m, t];
                if (category < 0 || category >= names.Count)
                    throw new ArgumentException($"Categorical map '{title}': cell [{m}, {t}] is {category}, expected 0 … {names.Count - 1}.", nameof(categories));
                values[m, t] = category;
            }
        GenericChart chart = CategoricalTrace(values, frameSeconds, names, colors, showScale: true, colorbarLength: Math.Min(1.0, 0.25 * names.Count));
        return Framed(chart, title, frameSeconds, mel, DefaultHeight);
    }

    /// <summary>
    /// A heatmap of category indices 0 … k − 1 on the stepped scale of <paramref name="colors"/> (zmin −0.5, zmax k − 0.5), its colour
    /// bar naming each category at its value.
    /// </summary>
    internal static GenericChart CategoricalTrace(float[,] values, double? frameSeconds, IReadOnlyList<string> names, IReadOnlyList<string> colors, bool showScale, double colorbarLength)
    {
        GenericChart chart = Trace(values, frameSeconds, "", ColorScales.Stepped(colors), symmetricLimit: null, showScale: showScale);
        foreach (Trace trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("zmin", -0.5);
            trace.SetProperty("zmax", names.Count - 0.5);
            trace.SetProperty("colorbar", Layouts.Attributes(
                ("tickmode", "array"),
                ("tickvals", Enumerable.Range(0, names.Count).ToArray()),
                ("ticktext", names.ToArray()),
                ("len", colorbarLength)));
        }
        return chart;
    }

    /// <summary>
    /// Maps stacked vertically on one shared time axis (zoom one, all follow), each as large as a single heatmap, on one colour
    /// range ([min, max] of all, or ±max|value| when <paramref name="diverging"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No panel, or panels of different shapes.</exception>
    public static GenericChart Stacked(IReadOnlyList<MaskPanel> panels, string title, double? frameSeconds = null, string colorbarTitle = "dB", MelAxis? mel = null, bool diverging = false)
    {
        if (panels.Count == 0) throw new ArgumentException($"Stacked maps '{title}' need at least one panel.", nameof(panels));
        foreach (MaskPanel panel in panels)
            if (panel.Values.GetLength(0) != panels[0].Values.GetLength(0) || panel.Values.GetLength(1) != panels[0].Values.GetLength(1))
                throw new ArgumentException($"Stacked maps '{title}': panel '{panel.Title}' is [{panel.Values.GetLength(0)}, {panel.Values.GetLength(1)}], the first is [{panels[0].Values.GetLength(0)}, {panels[0].Values.GetLength(1)}].", nameof(panels));
        var charts = SharedScaleTraces(panels, frameSeconds, colorbarTitle, diverging);
        GenericChart grid = CSharpChart.Grid(charts, panels.Count, 1, SubPlotTitles: panels.Select(p => p.Title).ToArray(), YGap: 0.12);
        Layout layout = GenericChart.getLayout(grid);
        layout.SetProperty("title", Layouts.Attributes(("text", title)));
        layout.SetProperty("width", DefaultWidth);
        int panelHeight = DefaultHeight - Layouts.Margin.Top - Layouts.Margin.Bottom;
        layout.SetProperty("height", panelHeight * panels.Count + (int)(panelHeight * 0.12 * (panels.Count - 1)) + Layouts.Margin.Top + Layouts.Margin.Bottom);
        layout.SetProperty("margin", Layouts.FixedMargin());
        for (int index = 0; index < panels.Count; index++)
        {
            string suffix = index == 0 ? "" : (index + 1).ToString(CultureInfo.InvariantCulture);
            var xAxis = new List<(string, object)> { ("matches", "x") };
            if (index == panels.Count - 1) xAxis.Add(("title", Layouts.Attributes(("text", TimeAxisTitle(frameSeconds)))));
            Layouts.MergeAxis(layout, "xaxis" + suffix, Layouts.Attributes([.. xAxis]));
            Layouts.MergeAxis(layout, "yaxis" + suffix, MelAxisAttributes(mel));
        }
        foreach (Trace trace in GenericChart.getTraces(grid)) trace.SetProperty("colorbar", Layouts.Attributes(("title", Layouts.Attributes(("text", colorbarTitle))), ("len", 1.0 / panels.Count)));
        return GenericChart.setLayout(layout, grid);
    }

    /// <summary>
    /// One heatmap trace per panel on one colour range: ±max|value| about 0 when <paramref name="diverging"/>, else [min, max] of
    /// all panels; only the first trace shows the colour bar.
    /// </summary>
    internal static List<GenericChart> SharedScaleTraces(IReadOnlyList<MaskPanel> panels, double? frameSeconds, string colorbarTitle, bool diverging)
    {
        (double low, double high) = ColorScales.Range(panels.Select(p => p.Values));
        double limit = Math.Max(Math.Max(Math.Abs(low), Math.Abs(high)), 1e-6);
        return panels.Select((panel, index) =>
        {
            GenericChart chart = Trace(panel.Values, frameSeconds, colorbarTitle, diverging ? ColorScales.Differences : ColorScales.Levels, diverging ? limit : null, showScale: index == 0);
            if (!diverging)
                foreach (Trace trace in GenericChart.getTraces(chart))
                {
                    trace.SetProperty("zmin", low);
                    trace.SetProperty("zmax", high == low ? low + 1 : high);
                }
            return chart;
        }).ToList();
    }

    /// <summary>The heatmap trace alone (no layout), for grids; <paramref name="symmetricLimit"/> set makes it diverging.</summary>
    internal static GenericChart Trace(float[,] values, double? frameSeconds, string colorbarTitle, StyleParam.Colorscale scale, double? symmetricLimit, bool showScale = true)
    {
        int bands = values.GetLength(0), frames = values.GetLength(1);
        var rows = new float[bands][];
        for (int m = 0; m < bands; m++)
        {
            rows[m] = new float[frames];
            for (int t = 0; t < frames; t++) rows[m][t] = values[m, t];
        }
        GenericChart chart = CSharpChart.Heatmap<float, double, int, string>(zData: rows, ColorScale: scale, ShowScale: showScale);
        Layouts.ColorbarTitle(chart, colorbarTitle);
        foreach (Trace trace in GenericChart.getTraces(chart))
        {
            // Evenly spaced axes as origin + step (x: frame hop in s; y: mel bins 0, 1, …) instead of 313 + 128 numbers per map.
            trace.SetProperty("x0", 0.0);
            trace.SetProperty("dx", frameSeconds ?? 1.0);
            trace.SetProperty("y0", 0);
            trace.SetProperty("dy", 1);
            if (symmetricLimit is not { } limit) continue;
            trace.SetProperty("zmin", -limit);
            trace.SetProperty("zmax", limit);
            trace.SetProperty("zmid", 0.0);
        }
        return chart;
    }

    /// <summary>The x-axis title for a time axis: seconds when the hop is known, else frames.</summary>
    internal static string TimeAxisTitle(double? frameSeconds) => frameSeconds is null ? "time (frame)" : "time (s)";

    /// <summary>The y-axis title of a mel heatmap without a known frequency range.</summary>
    internal const string MelAxisTitle = "mel bin";

    /// <summary>Axis attributes (x or y) of a mel axis: title and, with <paramref name="mel"/>, Hz tick labels.</summary>
    internal static DynamicObj.DynamicObj MelAxisAttributes(MelAxis? mel)
    {
        if (mel is null) return Layouts.Attributes(("title", Layouts.Attributes(("text", MelAxisTitle))));
        (double[] bins, string[] labels) = mel.Ticks();
        return Layouts.Attributes(
            ("title", Layouts.Attributes(("text", MelAxis.Title))),
            ("tickmode", "array"), ("tickvals", bins), ("ticktext", labels));
    }

    private static GenericChart Build(float[,] values, string title, double? frameSeconds, string colorbarTitle, StyleParam.Colorscale scale, double? symmetricLimit, MelAxis? mel) =>
        Framed(Trace(values, frameSeconds, colorbarTitle, scale, symmetricLimit), title, frameSeconds, mel, DefaultHeight);

    private static GenericChart Framed(GenericChart chart, string title, double? frameSeconds, MelAxis? mel, int height)
    {
        chart = Layouts.Titled(chart, title, TimeAxisTitle(frameSeconds), MelAxisTitle, DefaultWidth, height);
        Layout layout = GenericChart.getLayout(chart);
        layout.SetProperty("yaxis", MelAxisAttributes(mel));
        layout.SetProperty("margin", Layouts.FixedMargin());
        return GenericChart.setLayout(layout, chart);
    }
}
