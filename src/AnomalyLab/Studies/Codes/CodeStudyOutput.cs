using System.Globalization;
using System.Text;
using System.Text.Json;
using AnomalyLab.Data;
using AnomalyLab.IO;
using AnomalyLab.Plots;

namespace AnomalyLab.Studies.Codes;

/// <summary>
/// Writes a code study into one folder, each file atomically: <c>summary.json</c>, <c>index.html</c>, and per id and
/// level <c>maps/&lt;type&gt;__&lt;id&gt;__&lt;level&gt;__{anomaly_change,normal_change,excess_change}.npy</c> (float32
/// <c>[rows, columns]</c>), <c>usage/&lt;type&gt;__&lt;id&gt;__&lt;level&gt;__{normal,anomaly}.npy</c> (float64 <c>[codebook]</c>),
/// <c>scores/&lt;type&gt;__&lt;id&gt;__&lt;level&gt;__{normal,anomaly}.npy</c> (float64 changed-position fraction per clip).
/// </summary>
public static class CodeStudyOutput
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// Writes everything for <paramref name="result"/> as the folder <paramref name="folder"/>, one unit (<see cref="AtomicFolder"/>:
    /// complete or not at all; a folder holding files we did not write is refused unless <paramref name="force"/>).
    /// </summary>
    /// <exception cref="OutputRefusedException">The folder is not ours and <paramref name="force"/> is false.</exception>
    public static void Write(string folder, CodeStudyResult result, bool force = false) =>
        AtomicFolder.Write(folder, "anomalylab codes", staging => WriteContent(staging, result), force);

    private static void WriteContent(string folder, CodeStudyResult result)
    {
        foreach (CodeIdStudy s in result.Ids)
            foreach (CodeLevelStudy level in new[] { s.Bottom, s.Top })
            {
                string stem = $"{s.MachineType}__{s.MachineId}__{level.Level}";
                foreach (var (name, map) in new[] { ("anomaly_change", level.AnomalyChange), ("normal_change", level.NormalChange), ("excess_change", level.ExcessChange) })
                    AtomicFile.Write(Path.Combine(folder, "maps", $"{stem}__{name}.npy"), stream => NpyFile.WriteTo(stream, MeanSpectrogram.ToFloat(map)));
                NpyFile.Write(Path.Combine(folder, "usage", $"{stem}__normal.npy"), level.NormalUsage, level.Codebook);
                NpyFile.Write(Path.Combine(folder, "usage", $"{stem}__anomaly.npy"), level.AnomalyUsage, level.Codebook);
                NpyFile.Write(Path.Combine(folder, "scores", $"{stem}__normal.npy"), level.NormalScores, level.NormalScores.Length);
                NpyFile.Write(Path.Combine(folder, "scores", $"{stem}__anomaly.npy"), level.AnomalyScores, level.AnomalyScores.Length);
            }
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.json"), JsonSerializer.Serialize(Summary(result), Json));
        Report(result).Write(Path.Combine(folder, "index.html"));
    }

    /// <summary>The summary as a JSON-ready object: model, normalisation, and per id and level the usage and score numbers.</summary>
    public static object Summary(CodeStudyResult result) => new
    {
        machineType = result.MachineType,
        dataRoot = result.DataRoot,
        model = result.Model,
        inputNormalization = new { mean = result.InputNormalization.GlobalMean, std = result.InputNormalization.GlobalStd },
        notes = result.Notes,
        ids = result.Ids.Select(s => new
        {
            machineId = s.MachineId,
            normalClips = s.NormalCount,
            anomalyClips = s.AnomalyCount,
            referenceClips = s.ReferenceCount,
            referenceSource = s.ReferenceSource,
            levels = new[] { s.Bottom, s.Top }.Select(l => new
            {
                level = l.Level,
                codebook = l.Codebook,
                grid = new[] { l.Rows, l.Columns },
                normalPerplexity = l.NormalPerplexity,
                anomalyPerplexity = l.AnomalyPerplexity,
                normalCodesUsed = l.NormalCodesUsed,
                anomalyCodesUsed = l.AnomalyCodesUsed,
                anomalyOnlyCodes = l.AnomalyOnlyCodes,
                meanChangedFractionNormal = l.NormalScores.DefaultIfEmpty(double.NaN).Average(),
                meanChangedFractionAnomaly = l.AnomalyScores.DefaultIfEmpty(double.NaN).Average(),
                auc = l.Auc,
                pauc = l.PartialAuc,
                excessPeak = Peak(l.ExcessChange),
            }),
        }),
    };

    /// <summary>The HTML report: the table, then per id the excess-change maps of both levels and the usage curves, then the t-SNE plots.</summary>
    public static HtmlReport Report(CodeStudyResult result)
    {
        var report = new HtmlReport($"Quantized anomaly study: {result.MachineType}");
        var intro = new StringBuilder();
        intro.AppendLine($"Model: `{result.Model}`.  ");
        intro.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Input normalisation fed: mean {result.InputNormalization.GlobalMean:G6} dB, std {result.InputNormalization.GlobalStd:G6} dB.  "));
        intro.AppendLine("Score per clip = fraction of latent positions whose code differs from the reference's most frequent code there.");
        foreach (string note in result.Notes) intro.AppendLine($"\n*Note:* {note}");
        report.AddMarkdown("Model and inputs", intro.ToString());
        report.AddTable("Code usage and scores", CodeStudyFigures.Table(result));
        foreach (CodeIdStudy s in result.Ids)
        {
            report.AddFigure($"{s.MachineId}: where codes change (bottom)", CodeStudyFigures.Excess(s, s.Bottom));
            report.AddFigure($"{s.MachineId}: where codes change (top)", CodeStudyFigures.Excess(s, s.Top));
            report.AddFigure($"{s.MachineId}: bottom code usage", CodeStudyFigures.Usage(s, s.Bottom));
            report.AddFigure($"{s.MachineId}: top code usage", CodeStudyFigures.Usage(s, s.Top));
        }
        if (result.Embedding is { } e)
        {
            report.AddFigure("t-SNE before quantisation", CodeStudyFigures.Tsne(e, quantized: false));
            report.AddFigure("t-SNE after quantisation", CodeStudyFigures.Tsne(e, quantized: true));
        }
        return report;
    }

    private static object Peak(double[,] map)
    {
        int rows = map.GetLength(0), columns = map.GetLength(1);
        int best = 0;
        for (int i = 1; i < rows * columns; i++)
            if (map[i / columns, i % columns] > map[best / columns, best % columns]) best = i;
        return new { row = best / columns, column = best % columns, value = map[best / columns, best % columns] };
    }
}
