using AnomalyLab.Features;
using AnomalyLab.Plots;

namespace AnomalyLab.Studies;

/// <summary>
/// The offline HTML report of a study (plotly.js inlined once, table of contents): the method, the summary table, then per
/// machine id the mean/difference heatmaps, raw/normal/excess localisation, top region vs ground truth, band and frame
/// line charts, and the reconstruction residual maps.
/// </summary>
public static class StudyReport
{
    /// <summary>Builds the report of <paramref name="result"/>.</summary>
    public static HtmlReport Build(StudyResult result)
    {
        var f = result.Features;
        double frameSeconds = StudyFigures.FrameSecondsOf(result);
        MelAxis mel = StudyFigures.MelAxisOf(result);
        var report = new HtmlReport("Anomaly spectrogram study");
        report.AddMarkdown("Method", $"""
            **Question.** Where in time and frequency do anomalous clips differ from normal ones, per machine type and id, and
            how should an anomaly mask prior be shaped?

            Data: `{f.Source}`. Features: preset `{f.Preset}` ({f.LogMel.NMels} mel bands from {MelAxis.FormatHz(f.LogMel.FMin)} to {MelAxis.FormatHz(f.LogMel.EffectiveFMax)}, n_fft {f.LogMel.NFft} = {1000.0 * f.LogMel.NFft / f.LogMel.SampleRate:0.#} ms, hop {f.LogMel.HopLength} = {1000 * frameSeconds:0.#} ms),
            normalisation `{f.Standardisation}`. Statistics use real frames only (no padding).

            - *Localisation*: mean over anomalous clips of |anomaly − mean normal|. *Normal variability*: the same over normal clips.
              *Excess* = localisation − normal variability: what anomalies change beyond what always fluctuates (lowest mel bins, first frame).
            - *Top region*: cells ≥ 50 % of the peak of the excess map smoothed by a 3 mel × 15 frame box; on synthetic data compared
              with the generator's masks (IoU, precision; chance IoU = a random region of the same size).
            - *Half-mass mels*: the shortest mel range holding half of the positive excess. *Time*: segmented when half of the
              positive excess sits in fewer than 25 % of the frames, else stationary. *Sign*: added when ≥ 2/3 of |difference| in the
              top region is positive, removed when ≤ 1/3, else mixed.
            - *Residual*: mean |x − reconstruction| with the model named in each figure (PCA of the mel spectrum fitted per id on normal clips, unless a model was given).
            """);
        foreach (string note in result.Notes) report.AddMarkdown(null, $"*Note:* {note}");
        report.AddTable("Summary", StudyFigures.SummaryTable(result.Ids, frameSeconds, mel));
        foreach (MachineIdStudy s in result.Ids)
        {
            string who = $"{s.MachineType} {s.MachineId}";
            report.AddFigure($"{who}: mean spectrograms", StudyFigures.MeanNormal(s, frameSeconds, mel));
            report.AddFigure(null, StudyFigures.MeanAnomaly(s, frameSeconds, mel));
            report.AddFigure(null, StudyFigures.Difference(s, frameSeconds, mel));
            report.AddFigure($"{who}: localisation", StudyFigures.Localization(s, frameSeconds, mel));
            report.AddFigure(null, StudyFigures.NormalVariability(s, frameSeconds, mel));
            report.AddFigure(null, StudyFigures.Excess(s, frameSeconds, mel));
            report.AddFigure(null, StudyFigures.TopRegion(s, frameSeconds, mel));
            report.AddFigure($"{who}: band and frame statistics", StudyFigures.BandMeans(s, mel));
            report.AddFigure(null, StudyFigures.FrameMeans(s, frameSeconds));
            report.AddFigure(null, StudyFigures.BandVariances(s, mel));
            report.AddFigure(null, StudyFigures.EffectSize(s, mel));
            report.AddFigure($"{who}: reconstruction residual", StudyFigures.Residuals(s, frameSeconds, mel));
        }
        return report;
    }
}
