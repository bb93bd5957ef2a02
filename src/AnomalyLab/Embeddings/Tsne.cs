using AnomalyLab.Clustering;
using MathNet.Numerics.LinearAlgebra;

namespace AnomalyLab.Embeddings;

/// <summary>
/// Barnes–Hut t-SNE (van der Maaten 2014) following scikit-learn 1.2.1's <c>TSNE(method='barnes_hut')</c>: sparse P from
/// <see cref="TsneAffinities"/>, Student-t Q with max(d − 1, 1) degrees of freedom, gradient descent with momentum
/// (0.5 for the 250 exaggerated iterations, then 0.8), per-coordinate gains (+0.2 / ×0.8, floor 0.01), error checks every
/// 50 iterations. Repulsive forces use a quadtree/octree with angle θ. Parallel over points, deterministic for a seed.
/// </summary>
public static class Tsne
{
    private const double MinGain = 0.01;

    /// <summary>Embeds <paramref name="x"/> <c>[n_samples, n_features]</c> into <c>options.Dimensions</c> dimensions.</summary>
    public static TsneResult Fit(double[,] x, TsneOptions? options = null)
    {
        options ??= TsneOptions.ScikitLearn2D;
        options.Validate(x.GetLength(0));
        return Fit(x, TsneAffinities.Compute(x, options.Perplexity), options);
    }

    /// <summary>
    /// Embeds <paramref name="x"/> with input similarities <paramref name="p"/> already computed by
    /// <see cref="TsneAffinities.Compute"/> at <c>options.Perplexity</c> (they do not depend on the output dimensions, so a
    /// 2-D and a 3-D embedding of the same data can share them).
    /// </summary>
    /// <exception cref="ArgumentException">Affinities of another number of samples.</exception>
    public static TsneResult Fit(double[,] x, SparseAffinities p, TsneOptions options)
    {
        int n = x.GetLength(0), dims = options.Dimensions;
        options.Validate(n);
        if (p.Samples != n) throw new ArgumentException($"affinities are over {p.Samples} samples, the data has {n} rows.", nameof(p));
        double[] y = Initialize(x, options);
        double learningRate = options.EffectiveLearningRate(n);
        var optimizer = new Optimizer(n, dims, options);
        var exaggerated = p with { Values = p.Values.Select(v => v * options.EarlyExaggeration).ToArray() };
        var (_, lastIteration) = optimizer.Run(exaggerated, y, 0, TsneOptions.ExplorationIterations, 0.5, learningRate, TsneOptions.ExplorationIterations);
        double error = double.NaN;
        if (lastIteration < TsneOptions.ExplorationIterations - 1 || options.Iterations > TsneOptions.ExplorationIterations)
            (error, lastIteration) = optimizer.Run(p, y, lastIteration + 1, options.Iterations, 0.8, learningRate, options.IterationsWithoutProgress);
        var embedding = new double[n, dims];
        Buffer.BlockCopy(y, 0, embedding, 0, y.Length * sizeof(double));
        return new TsneResult(embedding, error, lastIteration + 1, p);
    }

    /// <summary>
    /// Exact KL(P‖Q) of an embedding <c>[n, d]</c>, Q over all pairs with the Student-t kernel of <paramref name="dof"/> degrees of
    /// freedom. O(n²); for evaluation.
    /// </summary>
    public static double ExactKlDivergence(SparseAffinities p, double[,] embedding, double dof)
    {
        int n = embedding.GetLength(0), d = embedding.GetLength(1);
        double exponent = (dof + 1) / 2, z = 0;
        double Kernel(int i, int j)
        {
            double s = 0;
            for (int a = 0; a < d; a++) { double diff = embedding[i, a] - embedding[j, a]; s += diff * diff; }
            return Math.Pow(1 + s / dof, -exponent);
        }
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) z += 2 * Kernel(i, j);
        double kl = 0;
        for (int i = 0; i < n; i++)
        {
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                double pij = p.Values[e];
                if (pij > 0) kl += pij * Math.Log(pij / (Kernel(i, p.Columns[e]) / z));
            }
        }
        return kl;
    }

    private static double[] Initialize(double[,] x, TsneOptions options)
    {
        int n = x.GetLength(0), dims = options.Dimensions;
        var y = new double[n * dims];
        if (options.Initialization == TsneInitialization.Random)
        {
            var rng = new Random(options.Seed);
            for (int i = 0; i < y.Length; i++)
            {
                double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
                y[i] = 1e-4 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
            return y;
        }
        var scores = PcaScores(x, dims);
        double mean = 0, variance = 0;
        for (int i = 0; i < n; i++) mean += scores[i, 0];
        mean /= n;
        for (int i = 0; i < n; i++) variance += (scores[i, 0] - mean) * (scores[i, 0] - mean);
        double scale = 1e-4 / Math.Sqrt(variance / n);
        for (int i = 0; i < n; i++) for (int a = 0; a < dims; a++) y[i * dims + a] = scores[i, a] * scale;
        return y;
    }

    /// <summary>Principal-component scores <c>[n, k]</c>, signs fixed as scikit-learn's svd_flip (largest |score| of each component positive).</summary>
    internal static double[,] PcaScores(double[,] x, int k)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var centred = Matrix<double>.Build.Dense(n, d, (i, j) => x[i, j]);
        var means = centred.ColumnSums() / n;
        for (int j = 0; j < d; j++) centred.SetColumn(j, centred.Column(j) - means[j]);
        var evd = (centred.TransposeThisAndMultiply(centred)).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).Take(k).ToArray();
        var scores = new double[n, k];
        for (int c = 0; c < k; c++)
        {
            var projected = centred * evd.EigenVectors.Column(order[c]);
            int largest = projected.AbsoluteMaximumIndex();
            double sign = projected[largest] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) scores[i, c] = sign * projected[i];
        }
        return scores;
    }

    /// <summary>Gradient descent state shared by the two phases (scikit-learn resets update and gains between them).</summary>
    private sealed class Optimizer(int n, int dims, TsneOptions options)
    {
        private readonly double[] _gradient = new double[n * dims];
        private readonly double[] _sumQ = new double[n];
        private readonly double[] _negative = new double[n * dims];
        private readonly SpaceTree _tree = new(dims);

        public (double Error, int LastIteration) Run(SparseAffinities pUsed, double[] y, int start, int end, double momentum,
            double learningRate, int withoutProgress)
        {
            var update = new double[y.Length];
            var gains = new double[y.Length];
            Array.Fill(gains, 1.0);
            double error = double.MaxValue, bestError = double.MaxValue;
            int bestIteration = start, i = start;
            for (; i < end; i++)
            {
                bool check = (i + 1) % TsneOptions.CheckInterval == 0;
                double current = Gradient(pUsed, y, check || i == end - 1);
                if (check || i == end - 1) error = current;
                double norm = 0;
                for (int c = 0; c < y.Length; c++)
                {
                    double g = _gradient[c];
                    if (update[c] * g < 0) gains[c] += 0.2;
                    else gains[c] *= 0.8;
                    if (gains[c] < MinGain) gains[c] = MinGain;
                    g *= gains[c];
                    norm += g * g;
                    update[c] = momentum * update[c] - learningRate * g;
                    y[c] += update[c];
                }
                if (check)
                {
                    if (error < bestError) { bestError = error; bestIteration = i; }
                    else if (i - bestIteration > withoutProgress) break;
                    if (Math.Sqrt(norm) <= options.MinGradientNorm) break;
                }
            }
            return (error, Math.Min(i, end - 1));
        }

        /// <summary>Barnes–Hut gradient of KL(P‖Q) into _gradient; returns the error when asked (else NaN).</summary>
        private double Gradient(SparseAffinities pUsed, double[] y, bool computeError)
        {
            double dof = options.DegreesOfFreedom, exponent = (dof + 1) / 2, theta2 = options.Angle * options.Angle;
            _tree.Build(y, n);
            Array.Clear(_negative);
            Parallel.For(0, n, i => _sumQ[i] = _tree.Negative(y, i, theta2, dof, _negative.AsSpan(i * dims, dims)));
            double sumQ = 0;
            for (int i = 0; i < n; i++) sumQ += _sumQ[i];
            var errors = new double[n];
            Parallel.For(0, n, i =>
            {
                Span<double> positive = stackalloc double[dims];
                double c = 0;
                for (int e = pUsed.RowStart[i]; e < pUsed.RowStart[i + 1]; e++)
                {
                    int j = pUsed.Columns[e];
                    double pij = pUsed.Values[e], dij = 0;
                    for (int a = 0; a < dims; a++) { double diff = y[i * dims + a] - y[j * dims + a]; dij += diff * diff; }
                    double q = dof / (dof + dij);
                    if (dof != 1) q = Math.Pow(q, exponent);
                    if (computeError)
                    {
                        double qNormalised = q / sumQ;
                        c += pij * Math.Log(Math.Max(pij, FloatTiny) / Math.Max(qNormalised, FloatTiny));
                    }
                    for (int a = 0; a < dims; a++) positive[a] += pij * q * (y[i * dims + a] - y[j * dims + a]);
                }
                double scale = 2.0 * (dof + 1.0) / dof;
                for (int a = 0; a < dims; a++) _gradient[i * dims + a] = scale * (positive[a] - _negative[i * dims + a] / sumQ);
                errors[i] = c;
            });
            if (!computeError) return double.NaN;
            double total = 0;
            foreach (double c in errors) total += c;
            return total;
        }

        private const double FloatTiny = 1.1754943508222875e-38;   // float32 smallest normal, as scikit-learn's FLOAT32_TINY
    }
}
