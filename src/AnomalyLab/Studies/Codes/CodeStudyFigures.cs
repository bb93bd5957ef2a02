using AnomalyLab.Data;
using AnomalyLab.Embeddings;
using AnomalyLab.Plots;
using Plotly.NET;

namespace AnomalyLab.Studies.Codes;

/// <summary>The figures and table of a code study (used by its report and by notebook 07).</summary>
public static class CodeStudyFigures
{
    /// <summary>Per id and level: clips, perplexity, codes used, anomaly-only codes, mean changed fraction, AUC, pAUC.</summary>
    public static TableFigure Table(CodeStudyResult result) => new(
        $"Code usage and change-fraction score, {result.MachineType}",
        ["id", "level", "normal / anomaly clips", "perplexity normal", "perplexity anomaly", "codes used normal", "codes used anomaly", "anomaly-only codes", "changed fraction normal", "changed fraction anomaly", "AUC", "pAUC"],
        result.Ids.SelectMany(s => new[] { s.Bottom, s.Top }.Select(l => (IReadOnlyList<object?>)new object?[]
        {
            s.MachineId, l.Level, $"{s.NormalCount} / {s.AnomalyCount}", l.NormalPerplexity, l.AnomalyPerplexity, l.NormalCodesUsed, l.AnomalyCodesUsed,
            l.AnomalyOnlyCodes, l.NormalScores.DefaultIfEmpty(double.NaN).Average(), l.AnomalyScores.DefaultIfEmpty(double.NaN).Average(), l.Auc, l.PartialAuc,
        })).ToList());

    /// <summary>Where anomalies change codes more than normals do: anomalous − normal changed fraction per latent position (rows = mel direction).</summary>
    public static GenericChart Excess(CodeIdStudy study, CodeLevelStudy level) =>
        SpectrogramPlots.Difference(MeanSpectrogram.ToFloat(level.ExcessChange), $"{study.MachineId} {level.Level} ({level.Rows}×{level.Columns}): anomalous − normal changed fraction", colorbarTitle: "Δ fraction");

    /// <summary>The changed fraction per position over anomalous (or normal) clips.</summary>
    public static GenericChart Change(CodeIdStudy study, CodeLevelStudy level, bool anomalous) =>
        SpectrogramPlots.Heatmap(MeanSpectrogram.ToFloat(anomalous ? level.AnomalyChange : level.NormalChange),
            $"{study.MachineId} {level.Level}: fraction of {(anomalous ? "anomalous" : "normal")} clips whose code differs from the reference", colorbarTitle: "fraction");

    /// <summary>Rank-ordered code usage (share of positions per used code, most used first), normal vs anomalous.</summary>
    public static GenericChart Usage(CodeIdStudy study, CodeLevelStudy level) => LineCharts.Lines(
        [LineSeries.Indexed($"normal (perplexity {level.NormalPerplexity:F1}, {level.NormalCodesUsed} codes)", Ranked(level.NormalUsage)),
         LineSeries.Indexed($"anomaly (perplexity {level.AnomalyPerplexity:F1}, {level.AnomalyCodesUsed} codes)", Ranked(level.AnomalyUsage))],
        $"{study.MachineId} {level.Level} code usage", "code rank", "share of positions");

    /// <summary>t-SNE of the per-clip mean bottom latent before (<paramref name="quantized"/> false) or after quantisation, coloured by id and label.</summary>
    public static GenericChart Tsne(CodeEmbedding embedding, bool quantized)
    {
        var categories = embedding.MachineIds.Zip(embedding.IsAnomaly, (id, a) => $"{id} {(a ? "anomaly" : "normal")}").ToList();
        return EmbeddingPlots.Scatter(quantized ? embedding.PostQuantization : embedding.PreQuantization, categories,
            quantized ? "t-SNE of the quantised bottom latent (clip means)" : "t-SNE of the pre-quantisation bottom latent (clip means)", embedding.ClipNames);
    }

    private static double[] Ranked(double[] usage)
    {
        double total = Math.Max(1, usage.Sum());
        return usage.Where(u => u > 0).OrderByDescending(u => u).Select(u => u / total).ToArray();
    }
}
