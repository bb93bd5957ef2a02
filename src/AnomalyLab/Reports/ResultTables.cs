using System.Globalization;
using AnomalyLab.Data;
using AnomalyLab.Features;
using AnomalyLab.Plots;
using AnomalyLab.Studies;
using AnomalyLab.Studies.Codes;

namespace AnomalyLab.Reports;

/// <summary>
/// Results as small tables (title, columns, rows of text and numbers) for a terminal or an HTML page: what the CLI prints after
/// each command, built here so the CLI only draws them. Text cells are preformatted (invariant culture); number cells are
/// left to the display.
/// </summary>
public static class ResultTables
{
    /// <summary>Clip counts of a scanned dataset by machine type, split, id and label (ordinal order).</summary>
    public static TableFigure Clips(DatasetScan scan) => new(
        $"{scan.Root} ({scan.Layout})",
        ["machine type", "split", "id / section", "label", "clips"],
        scan.Clips.GroupBy(c => (c.MachineType, c.Split, c.MachineId, c.Label))
            .OrderBy(g => g.Key.MachineType, StringComparer.Ordinal).ThenBy(g => g.Key.Split).ThenBy(g => g.Key.MachineId, StringComparer.Ordinal).ThenBy(g => g.Key.Label)
            .Select(g => (IReadOnlyList<object?>)[g.Key.MachineType, Lower(g.Key.Split), g.Key.MachineId, Lower(g.Key.Label), Text(g.Count())])
            .ToArray());

    /// <summary>What the feature cache did per machine type and split: status (with the reason of a re-extraction) and array file.</summary>
    public static TableFigure Cache(IReadOnlyList<CacheOutcome> outcomes) => new(
        "Feature cache",
        ["machine type / split", "cache", "file"],
        outcomes.Select(o => (IReadOnlyList<object?>)[$"{o.MachineType}/{Lower(o.Split)}", Lower(o.Status) + (o.Reason != null ? $": {o.Reason}" : ""), o.ArrayPath ?? "-"]).ToArray());

    /// <summary>Fetched archives: SHA-256, whether a published checksum matched (<c>verified</c> / <c>none published</c>), resumed, files extracted.</summary>
    public static TableFigure Fetched(IReadOnlyList<FetchedArchive> archives) => new(
        "Archives",
        ["archive", "SHA-256", "checksum", "resumed", "files"],
        archives.Select(r => (IReadOnlyList<object?>)[r.Name, r.Sha256, r.Verified ? "verified" : "none published", r.Resumed ? "yes" : "no", Text(r.ExtractedFiles)]).ToArray());

    /// <summary>A local copy checked against <paramref name="manifest"/>: one row per check, status in lower case (<c>ok</c>, <c>partial</c>, …).</summary>
    public static TableFigure Verification(VerifyReport report, DataManifest manifest) => new(
        $"{report.Root} vs {manifest.Name}" + (manifest.Sample ? " (sample manifest)" : ""),
        ["part", "item", "expected", "found", "status", "detail"],
        report.Rows.Select(row => (IReadOnlyList<object?>)[row.Part, row.Item, row.Expected is { } e ? Text(e) : "?", Text(row.Found), Lower(row.Status), row.Detail ?? ""]).ToArray());

    /// <summary>
    /// AUC and pAUC per machine id, then (after an empty row) their arithmetic and harmonic means; AUC and pAUC as numbers,
    /// counts as text.
    /// </summary>
    public static TableFigure Evaluation(Metrics.MetricsTable metrics)
    {
        var rows = metrics.Rows.Select(r => (IReadOnlyList<object?>)[r.MachineId, r.Auc, r.PartialAuc, Text(r.Normals), Text(r.Anomalies)]).ToList();
        rows.Add([null, null, null, null, null]);
        rows.Add(["Average", metrics.ArithmeticMean.Auc, metrics.ArithmeticMean.PartialAuc, null, null]);
        rows.Add(["Harmonic mean", metrics.HarmonicMean.Auc, metrics.HarmonicMean.PartialAuc, null, null]);
        return new TableFigure("AUC / pAUC per machine id",
            ["id", "AUC", $"pAUC (FPR ≤ {metrics.MaxFalsePositiveRate.ToString(CultureInfo.InvariantCulture)})", "normal", "anomalous"], rows);
    }

    /// <summary>
    /// The spectrogram study in eight columns, one row per id: clip counts, raw and excess peak (mel with Hz, time with seconds),
    /// half-mass mel range, temporal shape, sign, and IoU with the ground truth (– on real data).
    /// </summary>
    public static TableFigure StudyOverview(StudyResult result)
    {
        MelAxis mel = StudyFigures.MelAxisOf(result);
        double frameSeconds = StudyFigures.FrameSecondsOf(result);
        return new TableFigure("Summary per machine id",
            ["id", "n", "raw peak", "excess peak", "½-mass mels", "time", "sign", "IoU"],
            result.Ids.Select(s => (IReadOnlyList<object?>)
            [
                $"{s.MachineType}/{s.MachineId}", $"{s.NormalCount}+{s.AnomalyCount}", StudyFigures.PeakText(s.RawPeak, frameSeconds, mel),
                StudyFigures.PeakText(s.ExcessPeak, frameSeconds, mel), mel.DescribeRange(s.ExcessMelRange.Low, s.ExcessMelRange.High), Lower(s.Temporal.Shape),
                Lower(s.Sign.Direction), s.GroundTruthOverlap is { } o ? o.Iou.ToString("0.00", CultureInfo.InvariantCulture) : "–",
            ]).ToArray());
    }

    /// <summary>The code-level study per id and level: perplexity and codes used (normal/anomalous), AUC and pAUC of the change fraction.</summary>
    public static TableFigure CodeLevels(CodeStudyResult result) => new(
        "Code levels per machine id",
        ["id", "level", "perplexity n/a", "codes n/a", "AUC", "pAUC"],
        result.Ids.SelectMany(s => new[] { s.Bottom, s.Top }.Select(l => (IReadOnlyList<object?>)
        [
            s.MachineId, l.Level, string.Create(CultureInfo.InvariantCulture, $"{l.NormalPerplexity:F1}/{l.AnomalyPerplexity:F1}"),
            $"{l.NormalCodesUsed}/{l.AnomalyCodesUsed}", l.Auc.ToString("F3", CultureInfo.InvariantCulture), l.PartialAuc.ToString("F3", CultureInfo.InvariantCulture),
        ])).ToArray());

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
