using System.Globalization;
using System.Text;
using AnomalyLab.IO;

namespace AnomalyLab.Metrics;

/// <summary>
/// DCASE-style evaluation of scored clips: AUC and pAUC per machine id, their arithmetic mean (the DCASE 2020 Task 2
/// baseline's "Average") and their harmonic mean (the official DCASE 2021+ ranking score).
/// </summary>
/// <param name="Rows">One row per machine id, sorted by id.</param>
/// <param name="ArithmeticMean">Arithmetic mean of the per-id AUC and pAUC.</param>
/// <param name="HarmonicMean">Harmonic mean of the per-id AUC and pAUC (0 if any is 0).</param>
/// <param name="MaxFalsePositiveRate">The FPR limit of the partial AUC (DCASE: 0.1).</param>
public sealed record MetricsTable(IReadOnlyList<MachineMetrics> Rows, MachineMetrics ArithmeticMean, MachineMetrics HarmonicMean, double MaxFalsePositiveRate)
{
    /// <summary>Evaluates clips grouped by <see cref="ScoredClip.MachineId"/>.</summary>
    /// <exception cref="ArgumentException">No clips, or a machine id with only normal or only anomalous clips (the id is named).</exception>
    public static MetricsTable Evaluate(IReadOnlyList<ScoredClip> clips, double maxFalsePositiveRate = RocAuc.DcaseMaxFalsePositiveRate)
    {
        if (clips.Count == 0) throw new ArgumentException("no scored clips to evaluate.", nameof(clips));
        var rows = new List<MachineMetrics>();
        foreach (var group in clips.GroupBy(c => c.MachineId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bool[] labels = group.Select(c => c.Anomalous).ToArray();
            double[] scores = group.Select(c => c.Score).ToArray();
            int anomalies = labels.Count(l => l);
            if (anomalies == 0 || anomalies == labels.Length)
                throw new ArgumentException($"machine {group.Key}: {labels.Length} clips, {anomalies} anomalous — AUC needs both normal and anomalous clips per id.");
            rows.Add(new MachineMetrics(group.Key, RocAuc.Auc(labels, scores), RocAuc.PartialAuc(labels, scores, maxFalsePositiveRate),
                labels.Length - anomalies, anomalies));
        }
        var arithmetic = new MachineMetrics("Average", rows.Average(r => r.Auc), rows.Average(r => r.PartialAuc), 0, 0);
        var harmonic = new MachineMetrics("Harmonic mean", HarmonicMeanOf(rows.Select(r => r.Auc)), HarmonicMeanOf(rows.Select(r => r.PartialAuc)), 0, 0);
        return new MetricsTable(rows, arithmetic, harmonic, maxFalsePositiveRate);
    }

    /// <summary>Harmonic mean n / Σ 1/xᵢ; 0 when any value is 0 (its limit).</summary>
    public static double HarmonicMeanOf(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        if (v.Length == 0) throw new ArgumentException("harmonic mean of no values.", nameof(values));
        if (v.Any(x => x <= 0)) return 0;
        return v.Length / v.Sum(x => 1 / x);
    }

    /// <summary>The table as CSV (<c>id,AUC,pAUC,normals,anomalies</c>, then the two average rows), invariant culture, full precision.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("id,AUC,pAUC,normals,anomalies\n");
        foreach (MachineMetrics row in Rows.Append(ArithmeticMean).Append(HarmonicMean))
            text.Append(CultureInfo.InvariantCulture, $"{row.MachineId},{row.Auc:R},{row.PartialAuc:R},{row.Normals},{row.Anomalies}\n");
        return text.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically.</summary>
    public void WriteCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());
}
