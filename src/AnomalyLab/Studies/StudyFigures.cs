using AnomalyLab.Features;
using AnomalyLab.Plots;
using Plotly.NET;

namespace AnomalyLab.Studies;

/// <summary>
/// Interactive figures of one <see cref="MachineIdStudy"/> (the report and the notebook use the same ones). Heatmaps put
/// time in seconds on x and the mel bins on y — labelled in Hz on their mel spacing when the <see cref="MelAxis"/> is given
/// (<see cref="MelAxis.From"/> of the study's log-mel options; null keeps bin numbers); difference and excess maps use a
/// diverging scale symmetric about 0. Titles and the summary table give seconds and Hz next to frames and bins.
/// </summary>
public static class StudyFigures
{
    /// <summary>The mel axis of a study's features (Hz tick labels on the mel-spaced axis).</summary>
    public static MelAxis MelAxisOf(StudyResult result) => MelAxis.From(result.Features.LogMel);

    /// <summary>The frame hop of a study's features, seconds.</summary>
    public static double FrameSecondsOf(StudyResult result) => (double)result.Features.LogMel.HopLength / result.Features.LogMel.SampleRate;

    /// <summary>Mean normal log-mel.</summary>
    public static GenericChart MeanNormal(MachineIdStudy s, double frameSeconds, MelAxis? mel = null) =>
        SpectrogramPlots.Heatmap(Plotted(s.MeanNormal), $"{Who(s)}: mean normal log-mel ({s.NormalCount} clips)", frameSeconds, mel: mel);

    /// <summary>Mean anomalous log-mel.</summary>
    public static GenericChart MeanAnomaly(MachineIdStudy s, double frameSeconds, MelAxis? mel = null) =>
        SpectrogramPlots.Heatmap(Plotted(s.MeanAnomaly), $"{Who(s)}: mean anomalous log-mel ({s.AnomalyCount} clips)", frameSeconds, mel: mel);

    /// <summary>Mean anomalous − mean normal, diverging, symmetric about 0.</summary>
    public static GenericChart Difference(MachineIdStudy s, double frameSeconds, MelAxis? mel = null) =>
        SpectrogramPlots.Difference(Plotted(s.Difference), $"{Who(s)}: anomalous − normal (range {s.DifferenceMin:0.0} … {s.DifferenceMax:0.0} dB)", frameSeconds, mel: mel);

    /// <summary>Raw localisation: mean |anomaly − mean normal|.</summary>
    public static GenericChart Localization(MachineIdStudy s, double frameSeconds, MelAxis? mel = null) =>
        SpectrogramPlots.Heatmap(Plotted(s.Localization), $"{Who(s)}: localisation, mean |anomaly − mean normal| (peak {PeakText(s.RawPeak, frameSeconds, mel)})", frameSeconds, "|Δ| dB", mel);

    /// <summary>Natural variability of the normal clips: mean |normal − mean normal|.</summary>
    public static GenericChart NormalVariability(MachineIdStudy s, double frameSeconds, MelAxis? mel = null) =>
        SpectrogramPlots.Heatmap(Plotted(s.NormalVariability), $"{Who(s)}: normal variability, mean |normal − mean normal|", frameSeconds, "|Δ| dB", mel);

    /// <summary>Excess localisation (anomalous − normal variability), diverging.</summary>
    public static GenericChart Excess(MachineIdStudy s, double frameSeconds, MelAxis? mel = null) =>
        SpectrogramPlots.Difference(Plotted(s.ExcessLocalization), $"{Who(s)}: excess localisation (smoothed peak {PeakText(s.ExcessPeak, frameSeconds, mel)})", frameSeconds, "excess dB", mel);

    /// <summary>Names of the cells of <see cref="TopRegion"/>'s categorical map (0 … 3).</summary>
    public static IReadOnlyList<string> TopRegionCategories { get; } = ["neither", "top region only", "ground truth only", "both"];

    /// <summary>
    /// Excess top region next to the ground truth when known, as categories with their own colours (neither / top region only /
    /// ground truth only / both); without ground truth two categories (outside / top region).
    /// </summary>
    public static GenericChart TopRegion(MachineIdStudy s, double frameSeconds, MelAxis? mel = null)
    {
        bool truthKnown = s.GroundTruthRegion is not null;
        var categories = new int[s.NMels, s.Frames];
        for (int m = 0; m < s.NMels; m++)
            for (int t = 0; t < s.Frames; t++)
                categories[m, t] = (s.TopRegion[m, t] ? 1 : 0) + (s.GroundTruthRegion is { } truth && truth[m, t] ? 2 : 0);
        string title = s.GroundTruthOverlap is { } gt
            ? $"{Who(s)}: excess top region vs ground truth: IoU {gt.Iou:0.00}, precision {gt.Precision:0.00}, chance IoU {gt.ChanceIou:0.000}"
            : $"{Who(s)}: excess top region ({Studies.TopRegion.Count(s.TopRegion)} cells)";
        return truthKnown
            ? SpectrogramPlots.Categorical(categories, TopRegionCategories, title, frameSeconds, mel)
            : SpectrogramPlots.Categorical(categories, ["outside", "top region"], title, frameSeconds, mel);
    }

    /// <summary>Residual maps of the normal and anomalous clips, stacked full-size on one shared time axis and one colour range.</summary>
    public static GenericChart Residuals(MachineIdStudy s, double frameSeconds, MelAxis? mel = null) =>
        SpectrogramPlots.Stacked(
        [
            new MaskPanel($"normal (mean {s.NormalResidual.Mean:0.00} dB)", Plotted(s.NormalResidual.Map)),
            new MaskPanel($"anomalous (mean {s.AnomalyResidual.Mean:0.00} dB)", Plotted(s.AnomalyResidual.Map)),
        ], $"{Who(s)}: reconstruction residual |x − {s.ReconstructionModel}(x)|", frameSeconds, "|Δ| dB", mel);

    /// <summary>Mean energy per mel band, normal vs anomalous.</summary>
    public static GenericChart BandMeans(MachineIdStudy s, MelAxis? mel = null) => LineCharts.OverMel(
        [LineSeries.Indexed("normal", s.NormalStatistics.BandMean), LineSeries.Indexed("anomalous", s.AnomalyStatistics.BandMean)],
        $"{Who(s)}: mean energy per mel band", "mean level (dB)", mel);

    /// <summary>Mean energy per frame, normal vs anomalous.</summary>
    public static GenericChart FrameMeans(MachineIdStudy s, double frameSeconds) => LineCharts.Lines(
        [Timed("normal", s.NormalStatistics.FrameMean, frameSeconds), Timed("anomalous", s.AnomalyStatistics.FrameMean, frameSeconds)],
        $"{Who(s)}: mean energy per frame", "time (s)", "mean level (dB)");

    /// <summary>Temporal variance per band, normal vs anomalous.</summary>
    public static GenericChart BandVariances(MachineIdStudy s, MelAxis? mel = null) => LineCharts.OverMel(
        [LineSeries.Indexed("normal", s.NormalStatistics.BandTemporalVariance), LineSeries.Indexed("anomalous", s.AnomalyStatistics.BandTemporalVariance)],
        $"{Who(s)}: temporal variance per band (within clip, averaged over clips)", "variance (dB²)", mel);

    /// <summary>Effect size (Cohen's d) per band.</summary>
    public static GenericChart EffectSize(MachineIdStudy s, MelAxis? mel = null) => LineCharts.OverMel(
        [LineSeries.Indexed("Cohen's d", s.BandEffectSize)], $"{Who(s)}: effect size per band (anomalous − normal) / pooled std", "d", mel);

    /// <summary>
    /// The summary of every id as a table (the numbers a mask prior needs). With <paramref name="frameSeconds"/> and
    /// <paramref name="mel"/> peaks read "mel 95 (2.3 kHz), 2.75 s (frame 86)" and mel ranges carry their Hz.
    /// </summary>
    public static TableFigure SummaryTable(IReadOnlyList<MachineIdStudy> ids, double? frameSeconds = null, MelAxis? mel = null) => new(
        "Summary per machine id (peaks: mel bin and frame with their Hz and seconds; half-mass range: mel bins holding half the positive excess)",
        ["type", "id", "normal", "anomalous", "raw peak", "raw peak fractions", "excess peak", "excess peak fractions", "diff range (dB)", "half-mass mels", "time", "sign", "residual normal / anomalous (dB)", "IoU", "precision"],
        ids.Select(s => (IReadOnlyList<object?>)
        [
            s.MachineType, s.MachineId, s.NormalCount, s.AnomalyCount,
            PeakText(s.RawPeak, frameSeconds, mel), $"{s.RawPeak.MelFraction:0.00}, {s.RawPeak.TimeFraction:0.00}",
            PeakText(s.ExcessPeak, frameSeconds, mel), $"{s.ExcessPeak.MelFraction:0.00}, {s.ExcessPeak.TimeFraction:0.00}",
            $"{s.DifferenceMin:0.0} … {s.DifferenceMax:0.0}",
            mel is null ? $"{s.ExcessMelRange.Low}–{s.ExcessMelRange.High}" : mel.DescribeRange(s.ExcessMelRange.Low, s.ExcessMelRange.High),
            $"{s.Temporal.Shape.ToString().ToLowerInvariant()} ({s.Temporal.HalfMassFrameFraction:0.00})",
            $"{s.Sign.Direction.ToString().ToLowerInvariant()} ({s.Sign.AddedShare:0.00})",
            $"{s.NormalResidual.Mean:0.00} / {s.AnomalyResidual.Mean:0.00}",
            s.GroundTruthOverlap?.Iou, s.GroundTruthOverlap?.Precision,
        ]).ToArray());

    /// <summary>"mel 95 (2.3 kHz), 2.75 s (frame 86)", or "mel 95, frame 86" without axes.</summary>
    public static string PeakText(DeviationPeak peak, double? frameSeconds, MelAxis? mel) =>
        $"{(mel is null ? $"mel {peak.Mel}" : mel.Describe(peak.Mel))}, {(frameSeconds is { } step ? MelAxis.DescribeFrame(peak.Frame, step) : $"frame {peak.Frame}")}";

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
