namespace AnomalyLab.Metrics;

/// <summary>
/// A receiver operating characteristic curve, computed exactly as <c>sklearn.metrics.roc_curve</c> (scikit-learn 1.2):
/// samples sorted by score (descending), one point per distinct score (tied scores move FP and TP together, which is
/// how ties are handled), then — with <c>dropIntermediate</c> — every point collinear with both neighbours on a
/// horizontal or vertical run is dropped (a point is kept where the second difference of FP or TP counts is non-zero).
/// A point (0, 0) is prepended with threshold <c>max(score) + 1</c> (scikit-learn 1.2; 1.3+ uses +∞).
/// </summary>
/// <param name="FalsePositiveRates">FPR per point, non-decreasing, from 0 to 1, length m.</param>
/// <param name="TruePositiveRates">TPR per point, non-decreasing, from 0 to 1, length m.</param>
/// <param name="Thresholds">Score threshold per point (a sample is positive when score ≥ threshold), decreasing, length m.</param>
public sealed record RocCurve(double[] FalsePositiveRates, double[] TruePositiveRates, double[] Thresholds)
{
    /// <summary>Computes the ROC curve of <paramref name="scores"/> (higher = more anomalous) against <paramref name="anomalous"/> labels.</summary>
    /// <param name="anomalous">True for positive (anomalous) samples, length n.</param>
    /// <param name="scores">Anomaly scores, length n, finite.</param>
    /// <param name="dropIntermediate">Drop sub-optimal collinear points as scikit-learn's default does.</param>
    /// <exception cref="ArgumentException">Lengths differ, no samples, a NaN/infinite score, or only one class present.</exception>
    public static RocCurve Compute(IReadOnlyList<bool> anomalous, IReadOnlyList<double> scores, bool dropIntermediate = true)
    {
        BinaryCounts counts = BinaryCounts.Compute(anomalous, scores);
        List<double> fps = counts.FalsePositives, tps = counts.TruePositives, thresholds = counts.Thresholds;
        if (dropIntermediate && fps.Count > 2)
        {
            var keptFp = new List<double> { fps[0] };
            var keptTp = new List<double> { tps[0] };
            var keptThreshold = new List<double> { thresholds[0] };
            for (int i = 1; i < fps.Count - 1; i++)
            {
                double fpCorner = fps[i + 1] - 2 * fps[i] + fps[i - 1];
                double tpCorner = tps[i + 1] - 2 * tps[i] + tps[i - 1];
                if (fpCorner != 0 || tpCorner != 0)
                {
                    keptFp.Add(fps[i]);
                    keptTp.Add(tps[i]);
                    keptThreshold.Add(thresholds[i]);
                }
            }
            keptFp.Add(fps[^1]);
            keptTp.Add(tps[^1]);
            keptThreshold.Add(thresholds[^1]);
            (fps, tps, thresholds) = (keptFp, keptTp, keptThreshold);
        }
        int m = fps.Count + 1;
        var fpr = new double[m];
        var tpr = new double[m];
        var threshold = new double[m];
        double fpTotal = fps[^1], tpTotal = tps[^1];
        threshold[0] = thresholds[0] + 1;
        for (int i = 1; i < m; i++)
        {
            fpr[i] = fps[i - 1] / fpTotal;
            tpr[i] = tps[i - 1] / tpTotal;
            threshold[i] = thresholds[i - 1];
        }
        return new RocCurve(fpr, tpr, threshold);
    }
}

/// <summary>Cumulative FP/TP counts per distinct score, as scikit-learn's <c>_binary_clf_curve</c>.</summary>
internal sealed record BinaryCounts(List<double> FalsePositives, List<double> TruePositives, List<double> Thresholds)
{
    public static BinaryCounts Compute(IReadOnlyList<bool> anomalous, IReadOnlyList<double> scores)
    {
        if (anomalous.Count != scores.Count)
            throw new ArgumentException($"labels and scores differ in length: {anomalous.Count} labels, {scores.Count} scores.");
        int n = scores.Count;
        if (n == 0) throw new ArgumentException("no samples: ROC needs at least one normal and one anomalous score.");
        int positives = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"score {i} is {scores[i]}: scores must be finite.");
            if (anomalous[i]) positives++;
        }
        if (positives == 0 || positives == n)
            throw new ArgumentException($"only one class present ({(positives == 0 ? "all normal" : "all anomalous")}, {n} samples): ROC AUC is not defined in that case.");
        int[] order = Enumerable.Range(0, n).ToArray();
        // Descending by score; the tie order does not matter because tied scores collapse into one point.
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));
        var fps = new List<double>();
        var tps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0;
        for (int k = 0; k < n; k++)
        {
            if (anomalous[order[k]]) tp++;
            bool lastOfRun = k == n - 1 || scores[order[k + 1]] != scores[order[k]];
            if (!lastOfRun) continue;
            tps.Add(tp);
            fps.Add(k + 1 - tp);
            thresholds.Add(scores[order[k]]);
        }
        return new BinaryCounts(fps, tps, thresholds);
    }
}
