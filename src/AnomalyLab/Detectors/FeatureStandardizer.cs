namespace AnomalyLab.Detectors;

/// <summary>
/// Per-feature z-scoring with the training mean and standard deviation (scikit-learn's <c>StandardScaler</c>;
/// constant features get scale 1), so distance- and kernel-based detectors weigh features alike.
/// </summary>
/// <param name="Mean">Training mean per feature.</param>
/// <param name="Scale">Training standard deviation per feature (population), 1 where it is 0.</param>
public sealed record FeatureStandardizer(double[] Mean, double[] Scale)
{
    /// <summary>Fits on <paramref name="x"/> <c>[n_samples, n_features]</c>.</summary>
    public static FeatureStandardizer Fit(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double m = 0;
            for (int i = 0; i < n; i++) m += x[i, j];
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) v += (x[i, j] - m) * (x[i, j] - m);
            mean[j] = m;
            double sd = Math.Sqrt(v / n);
            scale[j] = sd > 0 ? sd : 1;
        }
        return new FeatureStandardizer(mean, scale);
    }

    /// <summary>(x − mean) / scale, same shape as <paramref name="x"/>.</summary>
    public double[,] Transform(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (d != Mean.Length) throw new ArgumentException($"{d} features, the standardizer was fit on {Mean.Length}.");
        var result = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) result[i, j] = (x[i, j] - Mean[j]) / Scale[j];
        return result;
    }
}
