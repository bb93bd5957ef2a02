using AnomalyLab.Plots;
using Plotly.NET;

namespace AnomalyLab.Studies;

/// <summary>
/// Interactive figures of one <see cref="MachineIdStudy"/> (the report and the notebook use the same ones). Heatmaps put
/// time in seconds on x and mel bin on y; difference and excess maps use a diverging scale symmetric about 0.
/// </summary>
public static class StudyFigures
{
    /// <summary>Mean normal log-mel.</summary>
    public static GenericChart MeanNormal(MachineIdStudy s, double frameSeconds) =>
        SpectrogramPlots.Heatmap(Plotted(s.MeanNormal), $"{Who(s)}: mean normal log-mel ({s.NormalCount} clips)", frameSeconds);

    /// <summary>Mean anomalous log-mel.</summary>
    public static GenericChart MeanAnomaly(MachineIdStudy s, double frameSeconds) =>
        SpectrogramPlots.Heatmap(Plotted(s.MeanAnomaly), $"{Who(s)}: mean anomalous log-mel ({s.AnomalyCount} clips)", frameSeconds);

    /// <summary>Mean anomalous − mean normal, diverging, symmetric about 0.</summary>
    public static GenericChart Difference(MachineIdStudy s, double frameSeconds) =>
        SpectrogramPlots.Difference(Plotted(s.Difference), $"{Who(s)}: anomalous − normal (range {s.DifferenceMin:0.0} … {s.DifferenceMax:0.0} dB)", frameSeconds);

    /// <summary>Raw localisation: mean |anomaly − mean normal|.</summary>
    public static GenericChart Localization(MachineIdStudy s, double frameSeconds) =>
        SpectrogramPlots.Heatmap(Plotted(s.Localization), $"{Who(s)}: localisation, mean |anomaly − mean normal| (peak mel {s.RawPeak.Mel}, frame {s.RawPeak.Frame})", frameSeconds, "|Δ| dB");

    /// <summary>Natural variability of the normal clips: mean |normal − mean normal|.</summary>
    public static GenericChart NormalVariability(MachineIdStudy s, double frameSeconds) =>
        SpectrogramPlots.Heatmap(Plotted(s.NormalVariability), $"{Who(s)}: normal variability, mean |normal − mean normal|", frameSeconds, "|Δ| dB");

    /// <summary>Excess localisation (anomalous − normal variability), diverging.</summary>
    public static GenericChart Excess(MachineIdStudy s, double frameSeconds) =>
        SpectrogramPlots.Difference(Plotted(s.ExcessLocalization), $"{Who(s)}: excess localisation (smoothed peak mel {s.ExcessPeak.Mel}, frame {s.ExcessPeak.Frame})", frameSeconds, "excess dB");

    /// <summary>Excess top region (1) next to the ground truth (2 = true only, 3 = both) when known.</summary>
    public static GenericChart TopRegion(MachineIdStudy s, double frameSeconds)
    {
        var values = new float[s.NMels, s.Frames];
        for (int m = 0; m < s.NMels; m++)
            for (int t = 0; t < s.Frames; t++)
                values[m, t] = (s.TopRegion[m, t] ? 1 : 0) + (s.GroundTruthRegion is { } truth && truth[m, t] ? 2 : 0);
        string title = s.GroundTruthOverlap is { } gt
            ? $"{Who(s)}: excess top region (1) vs ground truth (2), both (3): IoU {gt.Iou:0.00}, precision {gt.Precision:0.00}, chance IoU {gt.ChanceIou:0.000}"
            : $"{Who(s)}: excess top region ({Studies.TopRegion.Count(s.TopRegion)} cells)";
        // A region map is categorical: a stepped legend naming each value, not a continuous colour bar.
        string[] categories = s.GroundTruthRegion is null ? ["outside", "top region (1)"] : ["neither", "top region only (1)", "ground truth only (2)", "both (3)"];
        string[] colors = s.GroundTruthRegion is null ? ["#f0f0f0", "#d62728"] : ["#f0f0f0", "#E69F00", "#56B4E9", "#009E73"];
        return MaskComparisonCharts.Categorical([new MaskPanel("region", values)], title, categories, colors, frameSeconds: frameSeconds);
    }

    /// <summary>Residual maps of the normal and anomalous clips on one colour range.</summary>
    public static GenericChart Residuals(MachineIdStudy s, double frameSeconds) =>
        MaskGridChart.Create(
        [
            new MaskPanel($"normal (mean {s.NormalResidual.Mean:0.00} dB)", Plotted(s.NormalResidual.Map)),
            new MaskPanel($"anomalous (mean {s.AnomalyResidual.Mean:0.00} dB)", Plotted(s.AnomalyResidual.Map)),
        ], $"{Who(s)}: reconstruction residual |x − {s.ReconstructionModel}(x)|", columns: 2, frameSeconds: frameSeconds, colorbarTitle: "|Δ| dB");

    /// <summary>Mean energy per mel band, normal vs anomalous.</summary>
    public static GenericChart BandMeans(MachineIdStudy s) => LineCharts.Lines(
        [LineSeries.Indexed("normal", s.NormalStatistics.BandMean), LineSeries.Indexed("anomalous", s.AnomalyStatistics.BandMean)],
        $"{Who(s)}: mean energy per mel band", "mel bin", "mean level (dB)");

    /// <summary>Mean energy per frame, normal vs anomalous.</summary>
    public static GenericChart FrameMeans(MachineIdStudy s, double frameSeconds) => LineCharts.Lines(
        [Timed("normal", s.NormalStatistics.FrameMean, frameSeconds), Timed("anomalous", s.AnomalyStatistics.FrameMean, frameSeconds)],
        $"{Who(s)}: mean energy per frame", "time (s)", "mean level (dB)");

    /// <summary>Temporal variance per band, normal vs anomalous.</summary>
    public static GenericChart BandVariances(MachineIdStudy s) => LineCharts.Lines(
        [LineSeries.Indexed("normal", s.NormalStatistics.BandTemporalVariance), LineSeries.Indexed("anomalous", s.AnomalyStatistics.BandTemporalVariance)],
        $"{Who(s)}: temporal variance per band (within clip, averaged over clips)", "mel bin", "variance (dB²)");

    /// <summary>Effect size (Cohen's d) per band.</summary>
    public static GenericChart EffectSize(MachineIdStudy s) => LineCharts.Line(
        LineSeries.Indexed("Cohen's d", s.BandEffectSize), $"{Who(s)}: effect size per band (anomalous − normal) / pooled std", "mel bin", "d");

    /// <summary>The summary of every id as a table (the numbers a mask prior needs).</summary>
    public static MetricsTable SummaryTable(IReadOnlyList<MachineIdStudy> ids) => new(
        "Summary per machine id (peaks: mel bin, frame; half-mass range: mel bins holding half the positive excess)",
        ["type", "id", "normal", "anomalous", "raw peak", "raw peak fractions", "excess peak", "excess peak fractions", "diff range (dB)", "half-mass mels", "time", "sign", "residual normal / anomalous (dB)", "IoU", "precision"],
        ids.Select(s => (IReadOnlyList<object?>)
        [
            s.MachineType, s.MachineId, s.NormalCount, s.AnomalyCount,
            $"{s.RawPeak.Mel}, {s.RawPeak.Frame}", $"{s.RawPeak.MelFraction:0.00}, {s.RawPeak.TimeFraction:0.00}",
            $"{s.ExcessPeak.Mel}, {s.ExcessPeak.Frame}", $"{s.ExcessPeak.MelFraction:0.00}, {s.ExcessPeak.TimeFraction:0.00}",
            $"{s.DifferenceMin:0.0} … {s.DifferenceMax:0.0}", $"{s.ExcessMelRange.Low}–{s.ExcessMelRange.High}",
            $"{s.Temporal.Shape.ToString().ToLowerInvariant()} ({s.Temporal.HalfMassFrameFraction:0.00})",
            $"{s.Sign.Direction.ToString().ToLowerInvariant()} ({s.Sign.AddedShare:0.00})",
            $"{s.NormalResidual.Mean:0.00} / {s.AnomalyResidual.Mean:0.00}",
            s.GroundTruthOverlap?.Iou, s.GroundTruthOverlap?.Precision,
        ]).ToArray());

    /// <summary>Copies a double map to float for plotting.</summary>
    public static float[,] ToFloat(double[,] map)
    {
        var result = new float[map.GetLength(0), map.GetLength(1)];
        for (int m = 0; m < map.GetLength(0); m++)
            for (int t = 0; t < map.GetLength(1); t++) result[m, t] = (float)map[m, t];
        return result;
    }

    /// <summary>
    /// A float copy rounded to 0.01 (dB, or σ after standardisation) for figures: far below what a colour shows, and it keeps
    /// the report's embedded JSON about half the size.
    /// </summary>
    private static float[,] Plotted(double[,] map)
    {
        var result = new float[map.GetLength(0), map.GetLength(1)];
        for (int m = 0; m < map.GetLength(0); m++)
            for (int t = 0; t < map.GetLength(1); t++) result[m, t] = (float)Math.Round(map[m, t], 2);
        return result;
    }

    private static LineSeries Timed(string name, double[] y, double frameSeconds) =>
        new(name, Enumerable.Range(0, y.Length).Select(t => Math.Round(t * frameSeconds, 6)).ToArray(), y);

    private static string Who(MachineIdStudy s) => $"{s.MachineType} {s.MachineId}";
}
