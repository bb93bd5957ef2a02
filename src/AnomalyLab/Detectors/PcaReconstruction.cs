using System.Numerics.Tensors;

namespace AnomalyLab.Detectors;

/// <summary>Options of <see cref="PcaReconstruction"/>.</summary>
/// <param name="Components">Principal components kept; null = the fewest explaining more than <paramref name="VarianceToKeep"/> of the variance.</param>
/// <param name="VarianceToKeep">Variance fraction in (0, 1) used when <paramref name="Components"/> is null (scikit-learn <c>PCA(n_components=0.9)</c> semantics; default 0.9).
/// scikit-learn's own default (all components) would reconstruct everything exactly and score 0.</param>
public sealed record PcaOptions(int? Components = null, double VarianceToKeep = 0.9)
{
    /// <summary>Keep 90 % of the variance.</summary>
    public static PcaOptions Default { get; } = new();
}

/// <summary>
/// PCA reconstruction error (no whitening): fit the mean μ and the top principal axes V of the normal data
/// (eigenvectors of the covariance), score x by ‖(x − μ) − VVᵀ(x − μ)‖², the squared distance to the principal
/// subspace — equal to scikit-learn's ‖x − inverse_transform(transform(x))‖². The detector role of the one PCA core
/// <see cref="PcaBasis"/> (the spectrum reconstruction role is the spectrogram study's <c>PcaSpectrumReconstruction</c>).
/// </summary>
public sealed class PcaReconstruction(PcaOptions options) : IAnomalyDetector
{
    private double[]? _mean;
    private double[,]? _axes;

    /// <summary>A detector with <see cref="PcaOptions.Default"/>.</summary>
    public PcaReconstruction() : this(PcaOptions.Default) { }

    /// <summary>The options given to the constructor.</summary>
    public PcaOptions Options { get; } = options.Components is null or >= 1 && options.VarianceToKeep is > 0 and < 1
        ? options
        : throw new ArgumentOutOfRangeException(nameof(options), options, "PCA needs Components ≥ 1 or 0 < VarianceToKeep < 1.");

    /// <summary>Components kept by the fit.</summary>
    public int FittedComponents => FeatureMatrix.Fitted(_axes, "PCA").GetLength(0);

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "PCA training data", minRows: 2);
        int n = normal.GetLength(0), d = normal.GetLength(1);
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += normal[i, j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        var centered = new double[d * n]; // feature-major for contiguous covariance dot products
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) centered[j * n + i] = normal[i, j] - mean[j];
        var covariance = new double[d, d];
        Parallel.For(0, d, a =>
        {
            for (int b = 0; b <= a; b++)
                covariance[a, b] = covariance[b, a] = TensorPrimitives.Dot(centered.AsSpan(a * n, n), centered.AsSpan(b * n, n)) / (n - 1);
        });
        PcaBasis basis = PcaBasis.FromCovariance(mean, covariance, eigen =>
        {
            int k = Options.Components ?? eigen.ComponentsFor(Options.VarianceToKeep);
            if (k > Math.Min(n, d)) throw new ArgumentException($"PCA: {k} components asked for, but the training data ({n} × {d}) has at most {Math.Min(n, d)}.");
            return k;
        });
        _mean = basis.Mean;
        _axes = basis.Components;
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        double[,] axes = FeatureMatrix.Fitted(_axes, "PCA");
        double[] mean = _mean!;
        int d = mean.Length, k = axes.GetLength(0);
        FeatureMatrix.Validate(x, "PCA test data", d);
        var scores = new double[x.GetLength(0)];
        Parallel.For(0, scores.Length, i =>
        {
            var residual = new double[d];
            for (int j = 0; j < d; j++) residual[j] = x[i, j] - mean[j];
            var centered = (double[])residual.Clone();
            for (int c = 0; c < k; c++)
            {
                double projection = 0;
                for (int j = 0; j < d; j++) projection += axes[c, j] * centered[j];
                for (int j = 0; j < d; j++) residual[j] -= projection * axes[c, j];
            }
            scores[i] = TensorPrimitives.Dot<double>(residual, residual);
        });
        return scores;
    }
}
