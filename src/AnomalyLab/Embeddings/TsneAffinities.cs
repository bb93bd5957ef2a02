using AnomalyLab.Detectors;

namespace AnomalyLab.Embeddings;

/// <summary>
/// The input similarities of t-SNE as scikit-learn 1.2 computes them for Barnes–Hut: exact k nearest neighbours
/// (k = min(n − 1, ⌊3·perplexity + 1⌋), from <see cref="NearestNeighbors"/>), squared Euclidean distances rounded to float32, a per-point binary search on the
/// Gaussian precision β until the conditional distribution's entropy is within 1e-5 nats of ln(perplexity) (at most 100 steps),
/// then P = (P_cond + P_condᵀ) / Σ.
/// </summary>
public static class TsneAffinities
{
    /// <summary>Entropy tolerance of the binary search, nats.</summary>
    public const double PerplexityTolerance = 1e-5;
    private const int SearchSteps = 100;

    /// <summary>Joint probabilities of <paramref name="x"/> <c>[n_samples, n_features]</c>.</summary>
    public static SparseAffinities Compute(double[,] x, double perplexity)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        int k = Math.Min(n - 1, (int)(3.0 * perplexity + 1));
        // Exact neighbours from the shared k-NN search (certified float32 candidates, float64 ranking, ties by index).
        var (exact, neighbours) = new NearestNeighbors(x).Query(x, k, excludeSelf: true);
        var distances = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int r = 0; r < k; r++)
                distances[i, r] = (float)(exact[i, r] * exact[i, r]);   // scikit-learn squares the distance, then casts to float32
        var conditional = BinarySearchPerplexity(distances, perplexity);
        return Symmetrize(n, neighbours, conditional);
    }

    /// <summary>
    /// Row-wise conditional probabilities p(j|i) ∝ exp(−β_i·d²_ij) over the given neighbour distances <c>[n, k]</c>
    /// (scikit-learn's <c>_binary_search_perplexity</c>).
    /// </summary>
    public static double[,] BinarySearchPerplexity(double[,] squaredDistances, double perplexity)
    {
        int n = squaredDistances.GetLength(0), k = squaredDistances.GetLength(1);
        double desiredEntropy = Math.Log(perplexity);
        var p = new double[n, k];
        Parallel.For(0, n, i =>
        {
            double betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity, beta = 1.0;
            for (int step = 0; step < SearchSteps; step++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++) { p[i, j] = Math.Exp(-squaredDistances[i, j] * beta); sum += p[i, j]; }
                if (sum == 0) sum = 1e-8;
                double weighted = 0;
                for (int j = 0; j < k; j++) { p[i, j] /= sum; weighted += squaredDistances[i, j] * p[i, j]; }
                double entropyDiff = Math.Log(sum) + beta * weighted - desiredEntropy;
                if (Math.Abs(entropyDiff) <= PerplexityTolerance) break;
                if (entropyDiff > 0)
                {
                    betaMin = beta;
                    beta = double.IsPositiveInfinity(betaMax) ? beta * 2 : (beta + betaMax) / 2;
                }
                else
                {
                    betaMax = beta;
                    beta = double.IsNegativeInfinity(betaMin) ? beta / 2 : (beta + betaMin) / 2;
                }
            }
        });
        return p;
    }

    private static SparseAffinities Symmetrize(int n, int[,] neighbours, double[,] conditional)
    {
        int k = neighbours.GetLength(1);
        var rows = new Dictionary<int, double>[n];
        for (int i = 0; i < n; i++) rows[i] = new Dictionary<int, double>(2 * k);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < k; r++)
            {
                int j = neighbours[i, r];
                double v = conditional[i, r];
                rows[i][j] = rows[i].GetValueOrDefault(j) + v;
                rows[j][i] = rows[j].GetValueOrDefault(i) + v;
                total += 2 * v;
            }
        }
        total = Math.Max(total, 2.220446049250313e-16);   // numpy float64 machine epsilon, as scikit-learn
        var rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + rows[i].Count;
        var columns = new int[rowStart[n]];
        var values = new double[rowStart[n]];
        for (int i = 0; i < n; i++)
        {
            int o = rowStart[i];
            foreach (var (j, v) in rows[i].OrderBy(e => e.Key)) { columns[o] = j; values[o++] = v / total; }
        }
        return new SparseAffinities(n, rowStart, columns, values);
    }
}
