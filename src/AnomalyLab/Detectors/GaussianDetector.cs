namespace AnomalyLab.Detectors;

/// <summary>
/// Mahalanobis / Gaussian detector: fit the mean μ and the empirical (maximum-likelihood, divide by n) covariance Σ of
/// the normal data; Score(x) = (x − μ)ᵀ Σ⁺ (x − μ), the squared Mahalanobis distance — scikit-learn's
/// <c>EmpiricalCovariance().fit(X).mahalanobis(x)</c>. Σ⁺ is the pseudo-inverse as <c>scipy.linalg.pinvh</c>: eigenvalues
/// at or below max|λ| · d · ε (machine epsilon) are treated as 0, so singular covariances (d ≥ n, constant features) work.
/// Up to the additive log-determinant term, this is −2 × the Gaussian log-likelihood.
/// </summary>
public sealed class GaussianDetector : IAnomalyDetector
{
    private const double MachineEpsilon = 2.220446049250313e-16; // numpy.finfo(float64).eps
    private double[]? _mean;
    private double[,]? _axes; // rows: eigenvectors of Σ for the eigenvalues the pseudo-inverse keeps
    private double[]? _inverseValues;

    /// <summary>Eigen-directions of the covariance kept by the pseudo-inverse (d when Σ is regular).</summary>
    public int Rank => FeatureMatrix.Fitted(_axes, "Gaussian").GetLength(0);

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "Gaussian training data");
        int n = normal.GetLength(0), d = normal.GetLength(1);
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += normal[i, j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        var covariance = new double[d, d];
        Parallel.For(0, d, a =>
        {
            for (int b = 0; b <= a; b++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += (normal[i, a] - mean[a]) * (normal[i, b] - mean[b]);
                covariance[a, b] = covariance[b, a] = sum / n;
            }
        });
        var eigen = SymmetricEigen.Of(covariance);
        double largest = eigen.Values.Max(Math.Abs);
        double cutoff = largest * d * MachineEpsilon;
        int[] kept = Enumerable.Range(0, d).Where(k => Math.Abs(eigen.Values[k]) > cutoff).ToArray();
        var axes = new double[kept.Length, d];
        for (int r = 0; r < kept.Length; r++)
            for (int j = 0; j < d; j++) axes[r, j] = eigen.Vectors[j, kept[r]];
        _inverseValues = kept.Select(k => 1 / eigen.Values[k]).ToArray();
        _mean = mean;
        _axes = axes;
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        double[,] axes = FeatureMatrix.Fitted(_axes, "Gaussian");
        double[] mean = _mean!, inverseValues = _inverseValues!;
        int d = mean.Length, r = axes.GetLength(0);
        FeatureMatrix.Validate(x, "Gaussian test data", d);
        var scores = new double[x.GetLength(0)];
        Parallel.For(0, scores.Length, i =>
        {
            double sum = 0;
            for (int k = 0; k < r; k++)
            {
                double z = 0;
                for (int j = 0; j < d; j++) z += axes[k, j] * (x[i, j] - mean[j]);
                sum += z * z * inverseValues[k];
            }
            scores[i] = sum;
        });
        return scores;
    }
}
