using AnomalyLab.Detectors;
using AnomalyLab.Clustering;

namespace AnomalyLab.Embeddings;

/// <summary>
/// Trustworthiness of an embedding (Venna &amp; Kaski 2001; scikit-learn <c>sklearn.manifold.trustworthiness</c>, Euclidean):
/// T(k) = 1 − 2/(n·k·(2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k), where U_k(i) are the embedded k nearest neighbours
/// of i that are not among its k nearest input neighbours and r(i, j) is j's rank among i's input neighbours. In [0, 1], higher = better.
/// O(n² log n) time, O(n) extra memory per row.
/// </summary>
public static class Trustworthiness
{
    /// <summary>T(k) for input <c>[n, d]</c> and embedding <c>[n, d']</c>; requires k &lt; n/2.</summary>
    public static double Compute(double[,] x, double[,] embedding, int neighbours = 5)
    {
        int n = x.GetLength(0);
        if (embedding.GetLength(0) != n) throw new ArgumentException($"embedding has {embedding.GetLength(0)} rows, input has {n}.", nameof(embedding));
        if (neighbours < 1 || neighbours >= n / 2.0) throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours, $"n_neighbors must be in [1, n/2) = [1, {n / 2.0}).");
        double[] fx = FeatureMatrix.Flatten(x), fe = FeatureMatrix.Flatten(embedding);
        int dx = x.GetLength(1), de = embedding.GetLength(1);
        var penalties = new double[n];
        Parallel.For(0, n, i =>
        {
            var inputOrder = Order(fx, dx, n, i);
            var rank = new int[n];
            for (int r = 0; r < inputOrder.Length; r++) rank[inputOrder[r]] = r + 1;
            var embeddedOrder = Order(fe, de, n, i);
            double sum = 0;
            for (int r = 0; r < neighbours; r++) sum += Math.Max(rank[embeddedOrder[r]] - neighbours, 0);
            penalties[i] = sum;
        });
        double t = penalties.Sum();
        return 1.0 - t * (2.0 / (n * neighbours * (2.0 * n - 3.0 * neighbours - 1.0)));
    }

    private static int[] Order(double[] flat, int d, int n, int i)
    {
        var keys = new double[n - 1];
        var index = new int[n - 1];
        var xi = flat.AsSpan(i * d, d);
        int m = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            keys[m] = SquaredEuclidean.Distance(xi, flat.AsSpan(j * d, d));
            index[m++] = j;
        }
        Array.Sort(keys, index);
        return index;
    }
}
