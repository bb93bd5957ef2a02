namespace AnomalyLab.Detectors;

/// <summary>Options of <see cref="KernelPcaReconstruction"/>.</summary>
/// <param name="Components">Kernel principal components kept; null = the fewest carrying more than <paramref name="VarianceToKeep"/> of the centred kernel's eigenvalue sum.</param>
/// <param name="Gamma">RBF width γ in exp(−γ‖a − b‖²); null = scikit-learn <c>KernelPCA</c>'s default 1 / n_features.</param>
/// <param name="VarianceToKeep">Eigenvalue-sum fraction in (0, 1) used when <paramref name="Components"/> is null (default 0.9).</param>
public sealed record KernelPcaOptions(int? Components = null, double? Gamma = null, double VarianceToKeep = 0.9)
{
    /// <summary>γ = 1/n_features, 90 % of the kernel variance.</summary>
    public static KernelPcaOptions Default { get; } = new();
}

/// <summary>
/// Kernel-PCA reconstruction error with an RBF kernel, defined in feature space so no pre-image is needed (Hoffmann
/// 2007): with φ̃ the feature map centred on the training mean and P the projection onto the top m kernel principal
/// axes, Score(x) = ‖φ̃(x)‖² − ‖Pφ̃(x)‖², the squared feature-space distance to the principal subspace.
/// ‖φ̃(x)‖² = k(x,x) − (2/n)Σᵢk(x,xᵢ) + (1/n²)Σᵢⱼk(xᵢ,xⱼ); ‖Pφ̃(x)‖² is the squared norm of scikit-learn's
/// <c>KernelPCA(kernel='rbf').transform(x)</c> (centred kernel row times eigenvectors / √eigenvalues).
/// Cost: an n × n kernel and its eigen-decomposition, O(n³) time and 8n² bytes — fit on at most a few thousand rows.
/// </summary>
public sealed class KernelPcaReconstruction(KernelPcaOptions options) : IAnomalyDetector
{
    private State? _state;

    /// <summary>A detector with <see cref="KernelPcaOptions.Default"/>.</summary>
    public KernelPcaReconstruction() : this(KernelPcaOptions.Default) { }

    /// <summary>The options given to the constructor.</summary>
    public KernelPcaOptions Options { get; } = options.Components is null or >= 1 && options.Gamma is null or > 0 && options.VarianceToKeep is > 0 and < 1
        ? options
        : throw new ArgumentOutOfRangeException(nameof(options), options, "kernel PCA needs Components ≥ 1, γ > 0 and 0 < VarianceToKeep < 1.");

    /// <summary>Components kept by the fit.</summary>
    public int FittedComponents => FeatureMatrix.Fitted(_state, "kernel PCA").Projection.GetLength(1);

    private sealed record State(double[,] Training, double Gamma, double[] ColumnMeans, double GrandMean, double[,] Projection);

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "kernel PCA training data", minRows: 2);
        int n = normal.GetLength(0), d = normal.GetLength(1);
        double gamma = Options.Gamma ?? 1.0 / d;
        double[,] kernel = Rbf(normal, normal, gamma);
        var columnMeans = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) columnMeans[j] += kernel[i, j] / n;
        double grandMean = columnMeans.Average();
        var centered = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                centered[i, j] = kernel[i, j] - columnMeans[i] - columnMeans[j] + grandMean;
        var eigen = SymmetricEigen.Of(centered);
        int positive = eigen.Values.Count(v => v > 0);
        int m = Options.Components ?? eigen.ComponentsFor(Options.VarianceToKeep);
        if (m > positive) throw new ArgumentException($"kernel PCA: {m} components asked for, but the centred kernel of {n} samples has {positive} positive eigenvalues.");
        var projection = new double[n, m];
        for (int c = 0; c < m; c++)
        {
            double scale = 1 / Math.Sqrt(eigen.Values[c]);
            for (int i = 0; i < n; i++) projection[i, c] = eigen.Vectors[i, c] * scale;
        }
        _state = new State((double[,])normal.Clone(), gamma, columnMeans, grandMean, projection);
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        State state = FeatureMatrix.Fitted(_state, "kernel PCA");
        int n = state.Training.GetLength(0), m = state.Projection.GetLength(1);
        FeatureMatrix.Validate(x, "kernel PCA test data", state.Training.GetLength(1));
        double[,] kernel = Rbf(x, state.Training, state.Gamma);
        var scores = new double[x.GetLength(0)];
        Parallel.For(0, scores.Length, i =>
        {
            double rowMean = 0;
            for (int j = 0; j < n; j++) rowMean += kernel[i, j];
            rowMean /= n;
            var centered = new double[n];
            for (int j = 0; j < n; j++) centered[j] = kernel[i, j] - rowMean - state.ColumnMeans[j] + state.GrandMean;
            double projected = 0;
            for (int c = 0; c < m; c++)
            {
                double coordinate = 0;
                for (int j = 0; j < n; j++) coordinate += centered[j] * state.Projection[j, c];
                projected += coordinate * coordinate;
            }
            double featureNorm = 1 - 2 * rowMean + state.GrandMean; // k(x, x) = 1 for the RBF kernel
            scores[i] = featureNorm - projected;
        });
        return scores;
    }

    /// <summary>RBF kernel matrix exp(−γ‖aᵢ − bⱼ‖²), shape <c>[rows(a), rows(b)]</c>, from direct differences.</summary>
    private static double[,] Rbf(double[,] a, double[,] b, double gamma)
    {
        int na = a.GetLength(0), nb = b.GetLength(0), d = a.GetLength(1);
        var kernel = new double[na, nb];
        Parallel.For(0, na, i =>
        {
            for (int j = 0; j < nb; j++)
            {
                double squared = 0;
                for (int f = 0; f < d; f++) { double diff = a[i, f] - b[j, f]; squared += diff * diff; }
                kernel[i, j] = Math.Exp(-gamma * squared);
            }
        });
        return kernel;
    }
}
