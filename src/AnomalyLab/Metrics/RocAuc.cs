namespace AnomalyLab.Metrics;

/// <summary>
/// Area under the ROC curve and the McClish-standardised partial AUC, exactly as
/// <c>sklearn.metrics.roc_auc_score(y, s)</c> and <c>roc_auc_score(y, s, max_fpr=p)</c> (scikit-learn 1.2).
/// Ties are handled as scikit-learn does: tied scores form one ROC point, so a tie between a normal and an
/// anomalous sample counts half (the trapezoid through that point).
/// </summary>
public static class RocAuc
{
    /// <summary>The DCASE partial-AUC limit: false-positive rate 0.1.</summary>
    public const double DcaseMaxFalsePositiveRate = 0.1;

    /// <summary>AUC of <paramref name="scores"/> (higher = more anomalous) against the labels; 0.5 = chance, 1 = perfect.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a non-finite score, or only one class present.</exception>
    public static double Auc(IReadOnlyList<bool> anomalous, IReadOnlyList<double> scores)
    {
        RocCurve roc = RocCurve.Compute(anomalous, scores);
        return Trapezoid(roc.FalsePositiveRates, roc.TruePositiveRates, roc.FalsePositiveRates.Length);
    }

    /// <summary>
    /// Partial AUC up to FPR <paramref name="maxFalsePositiveRate"/>: the curve is cut at that FPR with a point linearly
    /// interpolated between its neighbours, integrated by trapezoids to A, and standardised (McClish 1989) as
    /// <c>0.5·(1 + (A − p²/2)/(p − p²/2))</c>, so a non-discriminating scorer gives 0.5 and a perfect one 1.
    /// With <paramref name="maxFalsePositiveRate"/> = 1 this is the plain AUC.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFalsePositiveRate"/> outside (0, 1].</exception>
    public static double PartialAuc(IReadOnlyList<bool> anomalous, IReadOnlyList<double> scores, double maxFalsePositiveRate = DcaseMaxFalsePositiveRate)
    {
        if (!(maxFalsePositiveRate > 0 && maxFalsePositiveRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(maxFalsePositiveRate), maxFalsePositiveRate, "expected a false-positive rate in (0, 1].");
        RocCurve roc = RocCurve.Compute(anomalous, scores);
        double[] fpr = roc.FalsePositiveRates, tpr = roc.TruePositiveRates;
        if (maxFalsePositiveRate == 1) return Trapezoid(fpr, tpr, fpr.Length);
        // np.searchsorted(fpr, p, 'right'): first index with fpr > p; fpr ends at 1 > p so it exists.
        int stop = 0;
        while (stop < fpr.Length && fpr[stop] <= maxFalsePositiveRate) stop++;
        double x0 = fpr[stop - 1], x1 = fpr[stop], y0 = tpr[stop - 1], y1 = tpr[stop];
        double slope = (y1 - y0) / (x1 - x0);
        double yCut = slope * (maxFalsePositiveRate - x0) + y0;
        var x = new double[stop + 1];
        var y = new double[stop + 1];
        Array.Copy(fpr, x, stop);
        Array.Copy(tpr, y, stop);
        x[stop] = maxFalsePositiveRate;
        y[stop] = yCut;
        double partial = Trapezoid(x, y, stop + 1);
        double minArea = 0.5 * maxFalsePositiveRate * maxFalsePositiveRate;
        double maxArea = maxFalsePositiveRate;
        return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
    }

    /// <summary>Trapezoid integral of y over x (first <paramref name="count"/> points), as <c>numpy.trapz</c>.</summary>
    internal static double Trapezoid(double[] x, double[] y, int count)
    {
        double sum = 0;
        for (int i = 1; i < count; i++) sum += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        return sum;
    }
}
