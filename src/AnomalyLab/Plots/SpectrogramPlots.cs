using AnomalyLab.Features;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Plots;

/// <summary>
/// Heatmaps of <c>[n_mels, frames]</c> arrays: mel bin on y (0 = lowest band), time on x (seconds when the frame step is
/// known, else frame index), colour in dB. Difference maps use a diverging scale whose range is symmetric about 0
/// (zmin = −zmax, zmid = 0), so white always means "no difference".
/// </summary>
public static class SpectrogramPlots
{
    /// <summary>Default figure size, pixels.</summary>
    public const int DefaultWidth = 900, DefaultHeight = 420;

    /// <summary>Heatmap of a log-mel spectrogram: time in s, mel bin, colour in dB.</summary>
    public static GenericChart Heatmap(LogMelSpectrogram spectrogram, string? title = null) =>
        Heatmap(spectrogram.Values, title ?? $"Log-mel of {spectrogram.Source}", spectrogram.FrameSeconds);

    /// <summary>
    /// Heatmap of <paramref name="values"/> <c>[n_mels, frames]</c>. <paramref name="frameSeconds"/> is the hop in seconds
    /// (x in s); null puts frame indices on x. <paramref name="colorbarTitle"/> names the unit of the values.
    /// </summary>
    public static GenericChart Heatmap(float[,] values, string title, double? frameSeconds = null, string colorbarTitle = "dB") =>
        Build(values, title, frameSeconds, colorbarTitle, ColorScales.Levels, symmetricLimit: null);

    /// <summary>
    /// Diverging heatmap of a difference <c>[n_mels, frames]</c> (e.g. preset A − preset B), symmetric about 0:
    /// zmin = −L, zmax = L, zmid = 0 with L = max |value|.
    /// </summary>
    public static GenericChart Difference(float[,] difference, string title, double? frameSeconds = null, string colorbarTitle = "Δ dB") =>
        Build(difference, title, frameSeconds, colorbarTitle, ColorScales.Differences, ColorScales.SymmetricLimit(difference));

    /// <summary>Difference heatmap of <paramref name="a"/> − <paramref name="b"/> (same shape), time in s.</summary>
    public static GenericChart Difference(LogMelSpectrogram a, LogMelSpectrogram b, string? title = null) =>
        Difference(a.Minus(b), title ?? $"{a.Source} − {b.Source}", a.FrameSeconds);

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
        double[] x = Enumerable.Range(0, frames).Select(t => frameSeconds is { } step ? Math.Round(t * step, 6) : t).ToArray();
        int[] y = Enumerable.Range(0, bands).ToArray();
        GenericChart chart = CSharpChart.Heatmap<float, double, int, string>(
            zData: rows, X: x, Y: y, ColorScale: scale, ShowScale: showScale);
        Layouts.ColorbarTitle(chart, colorbarTitle);
        foreach (Trace trace in GenericChart.getTraces(chart))
        {
            if (symmetricLimit is not { } limit) continue;
            trace.SetProperty("zmin", -limit);
            trace.SetProperty("zmax", limit);
            trace.SetProperty("zmid", 0.0);
        }
        return chart;
    }

    /// <summary>The x-axis title for a time axis: seconds when the hop is known, else frames.</summary>
    internal static string TimeAxisTitle(double? frameSeconds) => frameSeconds is null ? "time (frame)" : "time (s)";

    /// <summary>The y-axis title of a mel heatmap.</summary>
    internal const string MelAxisTitle = "mel bin";

    private static GenericChart Build(float[,] values, string title, double? frameSeconds, string colorbarTitle, StyleParam.Colorscale scale, double? symmetricLimit)
    {
        GenericChart chart = Trace(values, frameSeconds, colorbarTitle, scale, symmetricLimit);
        return Layouts.Titled(chart, title, TimeAxisTitle(frameSeconds), MelAxisTitle, DefaultWidth, DefaultHeight);
    }
}
