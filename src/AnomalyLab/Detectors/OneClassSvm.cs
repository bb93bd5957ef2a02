using System.Numerics.Tensors;

namespace AnomalyLab.Detectors;

/// <summary>Options of <see cref="OneClassSvm"/>; defaults are scikit-learn's <c>OneClassSVM()</c>.</summary>
/// <param name="Nu">ν in (0, 1]: upper bound on the fraction of training outliers, lower bound on the fraction of support vectors (default 0.5).</param>
/// <param name="Gamma">RBF width γ in exp(−γ‖a − b‖²); null = scikit-learn's <c>'scale'</c>, 1 / (n_features · Var(X)) over all entries of X.</param>
/// <param name="Tolerance">Stopping tolerance on the maximal KKT violation (libsvm <c>eps</c>, scikit-learn <c>tol</c>, default 1e-3).</param>
/// <param name="CacheMegabytes">Kernel-row cache size in MiB (scikit-learn <c>cache_size</c>, default 200).</param>
/// <param name="MaxIterations">Safety cap on SMO iterations (libsvm: 10,000,000).</param>
public sealed record OneClassSvmOptions(double Nu = 0.5, double? Gamma = null, double Tolerance = 1e-3, int CacheMegabytes = 200, int MaxIterations = 10_000_000)
{
    /// <summary>scikit-learn's defaults: RBF, γ = 'scale', ν = 0.5, tol = 1e-3.</summary>
    public static OneClassSvmOptions Default { get; } = new();
}

/// <summary>
/// One-Class SVM (Schölkopf et al. 2001) with an RBF kernel, solved like libsvm (which scikit-learn wraps):
/// min ½αᵀKα subject to 0 ≤ αᵢ ≤ 1, Σαᵢ = νn, by SMO with libsvm's second-order working-set selection (WSS3, Fan,
/// Chen &amp; Lin 2005), libsvm's initial point (the first ⌊νn⌋ αs at 1, the next at the remainder) and libsvm's ρ
/// (mean gradient over free αs). Shrinking is not used (it changes speed, not the optimum).
/// Score(x) = ρ − Σᵢ αᵢ K(xᵢ, x), which is scikit-learn's <c>-decision_function</c>: positive outside the learnt support.
/// </summary>
public sealed class OneClassSvm(OneClassSvmOptions options) : IAnomalyDetector
{
    private const double Tau = 1e-12;
    private Model? _model;

    /// <summary>A detector with <see cref="OneClassSvmOptions.Default"/>.</summary>
    public OneClassSvm() : this(OneClassSvmOptions.Default) { }

    /// <summary>The options given to the constructor.</summary>
    public OneClassSvmOptions Options { get; } = options.Nu > 0 && options.Nu <= 1 && options.Gamma is null or > 0
        ? options
        : throw new ArgumentOutOfRangeException(nameof(options), options, "One-Class SVM needs 0 < ν ≤ 1 and γ > 0.");

    /// <summary>γ used by the fitted model.</summary>
    public double FittedGamma => FeatureMatrix.Fitted(_model, "One-Class SVM").Gamma;

    /// <summary>ρ, the offset of the fitted decision function.</summary>
    public double Rho => FeatureMatrix.Fitted(_model, "One-Class SVM").Rho;

    /// <summary>SMO iterations the fit took.</summary>
    public int Iterations { get; private set; }

    private sealed record Model(double[] SupportVectors, double[] Coefficients, int Features, double Gamma, double Rho);

    /// <summary>scikit-learn's <c>gamma='scale'</c>: 1 / (n_features · Var(X)), the variance over all entries; 1 when Var(X) = 0.</summary>
    public static double ScaleGamma(double[,] x)
    {
        double mean = 0;
        foreach (double v in x) mean += v;
        mean /= x.Length;
        double variance = 0;
        foreach (double v in x) variance += (v - mean) * (v - mean);
        variance /= x.Length;
        return variance > 0 ? 1.0 / (x.GetLength(1) * variance) : 1.0;
    }

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "One-Class SVM training data");
        int n = normal.GetLength(0), d = normal.GetLength(1);
        double gamma = Options.Gamma ?? ScaleGamma(normal);
        double[] x = FeatureMatrix.Flatten(normal);
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) norms[i] = TensorPrimitives.Dot(x.AsSpan(i * d, d), x.AsSpan(i * d, d));
        var kernel = new KernelRows(x, norms, n, d, gamma, Options.CacheMegabytes);

        // libsvm solve_one_class: initial α and gradient G = Kα (the linear term is 0).
        var alpha = new double[n];
        double total = Options.Nu * n;
        int full = (int)total;
        for (int i = 0; i < full; i++) alpha[i] = 1;
        if (full < n) alpha[full] = total - full;
        var gradient = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (alpha[i] == 0) continue;
            double[] row = kernel.Row(i);
            for (int j = 0; j < n; j++) gradient[j] += alpha[i] * row[j];
        }

        int iteration = 0;
        while (iteration < Options.MaxIterations)
        {
            if (!SelectWorkingSet(alpha, gradient, kernel, Options.Tolerance, out int i, out int j)) break;
            iteration++;
            double[] rowI = kernel.Row(i), rowJ = kernel.Row(j);
            double oldI = alpha[i], oldJ = alpha[j];
            double quad = 2 - 2 * rowI[j]; // K(i,i) + K(j,j) − 2K(i,j), RBF diagonal is 1
            if (quad <= 0) quad = Tau;
            double delta = (gradient[i] - gradient[j]) / quad;
            double sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > 1)
            {
                if (alpha[i] > 1) { alpha[i] = 1; alpha[j] = sum - 1; }
            }
            else if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = sum; }
            if (sum > 1)
            {
                if (alpha[j] > 1) { alpha[j] = 1; alpha[i] = sum - 1; }
            }
            else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = sum; }
            double deltaI = alpha[i] - oldI, deltaJ = alpha[j] - oldJ;
            for (int t = 0; t < n; t++) gradient[t] += rowI[t] * deltaI + rowJ[t] * deltaJ;
        }
        Iterations = iteration;

        double rho = ComputeRho(alpha, gradient);
        var support = new List<int>();
        for (int i = 0; i < n; i++) if (alpha[i] > 0) support.Add(i);
        var vectors = new double[support.Count * d];
        var coefficients = new double[support.Count];
        for (int s = 0; s < support.Count; s++)
        {
            Array.Copy(x, support[s] * d, vectors, s * d, d);
            coefficients[s] = alpha[support[s]];
        }
        _model = new Model(vectors, coefficients, d, gamma, rho);
    }

    /// <summary>libsvm's WSS3 for all labels +1 and upper bound 1; false when the KKT gap is below the tolerance.</summary>
    private static bool SelectWorkingSet(double[] alpha, double[] gradient, KernelRows kernel, double tolerance, out int i, out int j)
    {
        int n = alpha.Length;
        double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        i = -1;
        j = -1;
        for (int t = 0; t < n; t++)
            if (alpha[t] < 1 && -gradient[t] >= gMax) { gMax = -gradient[t]; i = t; }
        if (i < 0) return false;
        double[] rowI = kernel.Row(i);
        double objectiveMin = double.PositiveInfinity;
        for (int t = 0; t < n; t++)
        {
            if (alpha[t] <= 0) continue;
            double gradientDifference = gMax + gradient[t];
            if (gradient[t] >= gMax2) gMax2 = gradient[t];
            if (gradientDifference > 0)
            {
                double quad = 2 - 2 * rowI[t];
                double objective = -(gradientDifference * gradientDifference) / (quad > 0 ? quad : Tau);
                if (objective <= objectiveMin) { j = t; objectiveMin = objective; }
            }
        }
        return gMax + gMax2 >= tolerance && j >= 0;
    }

    /// <summary>libsvm's calculate_rho: mean gradient of the free αs, else the midpoint of the bounds.</summary>
    private static double ComputeRho(double[] alpha, double[] gradient)
    {
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity, sumFree = 0;
        int free = 0;
        for (int t = 0; t < alpha.Length; t++)
        {
            if (alpha[t] >= 1) lower = Math.Max(lower, gradient[t]);
            else if (alpha[t] <= 0) upper = Math.Min(upper, gradient[t]);
            else { free++; sumFree += gradient[t]; }
        }
        return free > 0 ? sumFree / free : (upper + lower) / 2;
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        Model model = FeatureMatrix.Fitted(_model, "One-Class SVM");
        FeatureMatrix.Validate(x, "One-Class SVM test data", model.Features);
        int n = x.GetLength(0), d = model.Features, s = model.Coefficients.Length;
        double[] flat = FeatureMatrix.Flatten(x);
        var scores = new double[n];
        Parallel.For(0, n, i =>
        {
            ReadOnlySpan<double> row = flat.AsSpan(i * d, d);
            double sum = 0;
            for (int v = 0; v < s; v++)
            {
                double squared = 0;
                ReadOnlySpan<double> vector = model.SupportVectors.AsSpan(v * d, d);
                for (int f = 0; f < d; f++) { double diff = row[f] - vector[f]; squared += diff * diff; }
                sum += model.Coefficients[v] * Math.Exp(-model.Gamma * squared);
            }
            scores[i] = model.Rho - sum;
        });
        return scores;
    }

    /// <summary>RBF kernel rows K(i, ·) computed on demand and kept while they fit in the cache budget.</summary>
    private sealed class KernelRows(double[] x, double[] norms, int n, int d, double gamma, int cacheMegabytes)
    {
        private readonly Dictionary<int, double[]> _rows = [];
        private readonly Queue<int> _age = new();
        private readonly int _capacity = Math.Max(2, (int)Math.Min(n, (long)cacheMegabytes * 1024 * 1024 / (8L * n)));

        public double[] Row(int i)
        {
            if (_rows.TryGetValue(i, out double[]? cached)) return cached;
            if (_rows.Count >= _capacity) _rows.Remove(_age.Dequeue());
            var row = new double[n];
            ReadOnlySpan<double> a = x.AsSpan(i * d, d);
            for (int j = 0; j < n; j++)
            {
                double squared = Math.Max(0, norms[i] + norms[j] - 2 * TensorPrimitives.Dot(a, x.AsSpan(j * d, d)));
                row[j] = Math.Exp(-gamma * squared);
            }
            row[i] = 1;
            _rows[i] = row;
            _age.Enqueue(i);
            return row;
        }
    }
}
