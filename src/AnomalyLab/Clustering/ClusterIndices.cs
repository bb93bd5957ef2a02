namespace AnomalyLab.Clustering;

/// <summary>
/// Internal cluster-validity indices with scikit-learn 1.2 semantics: silhouette (per sample and mean),
/// Calinski–Harabasz and Davies–Bouldin, all on Euclidean distances.
/// Inputs: <c>x</c> <c>[n_samples, n_features]</c>, <c>labels</c> <c>[n_samples]</c> (any integers; every distinct value is a
/// cluster, so drop HDBSCAN noise (-1) first if it should not count as a cluster).
/// </summary>
public static class ClusterIndices
{
    /// <summary>
    /// Silhouette coefficient of every sample: (b − a) / max(a, b), a = mean distance to the other members of its cluster,
    /// b = smallest mean distance to another cluster; 0 for members of singleton clusters (as scikit-learn).
    /// Cost O(n²·d) time, O(n·k) memory.
    /// </summary>
    /// <returns><c>[n_samples]</c> values in [−1, 1].</returns>
    public static double[] SilhouetteSamples(double[,] x, int[] labels)
    {
        var (codes, counts) = Encode(x, labels, minClusters: 2, maxClustersBelowN: true);
        int n = x.GetLength(0), k = counts.Length;
        var sums = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double d = Distance(x, i, x, j);
                sums[i, codes[j]] += d;
                sums[j, codes[i]] += d;
            }
        }
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            int own = codes[i];
            if (counts[own] <= 1) { result[i] = 0; continue; }
            double a = sums[i, own] / (counts[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < k; c++) if (c != own) b = Math.Min(b, sums[i, c] / counts[c]);
            double denominator = Math.Max(a, b);
            result[i] = denominator > 0 ? (b - a) / denominator : 0;
        }
        return result;
    }

    /// <summary>Mean silhouette coefficient over all samples (scikit-learn <c>silhouette_score</c>).</summary>
    public static double Silhouette(double[,] x, int[] labels) => SilhouetteSamples(x, labels).Average();

    /// <summary>
    /// Calinski–Harabasz variance ratio: [tr(B)/(k − 1)] / [tr(W)/(n − k)]; 1 when every cluster has zero spread
    /// (scikit-learn's convention). Higher = better separated.
    /// </summary>
    public static double CalinskiHarabasz(double[,] x, int[] labels)
    {
        var (codes, counts) = Encode(x, labels, minClusters: 2, maxClustersBelowN: true);
        int n = x.GetLength(0), d = x.GetLength(1), k = counts.Length;
        var centroids = Centroids(x, codes, counts);
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int f = 0; f < d; f++) mean[f] += x[i, f];
        for (int f = 0; f < d; f++) mean[f] /= n;
        double between = 0, within = 0;
        for (int c = 0; c < k; c++)
        {
            double s = 0;
            for (int f = 0; f < d; f++) s += (centroids[c, f] - mean[f]) * (centroids[c, f] - mean[f]);
            between += counts[c] * s;
        }
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < d; f++)
            {
                double diff = x[i, f] - centroids[codes[i], f];
                within += diff * diff;
            }
        }
        return within == 0 ? 1.0 : between * (n - k) / (within * (k - 1.0));
    }

    /// <summary>
    /// Davies–Bouldin index: mean over clusters of max_{j≠i} (s_i + s_j) / d(c_i, c_j), s = mean distance of members to their
    /// centroid. 0 when all spreads or all centroid distances are zero (scikit-learn's convention). Lower = better.
    /// </summary>
    public static double DaviesBouldin(double[,] x, int[] labels)
    {
        var (codes, counts) = Encode(x, labels, minClusters: 2, maxClustersBelowN: true);
        int n = x.GetLength(0), k = counts.Length;
        var centroids = Centroids(x, codes, counts);
        var spread = new double[k];
        for (int i = 0; i < n; i++) spread[codes[i]] += Distance(x, i, centroids, codes[i]);
        for (int c = 0; c < k; c++) spread[c] /= counts[c];
        var centroidDistance = new double[k, k];
        bool allSpreadZero = true, allCentroidsEqual = true;
        for (int c = 0; c < k; c++)
        {
            if (Math.Abs(spread[c]) > 1e-15) allSpreadZero = false;
            for (int e = 0; e < k; e++)
            {
                centroidDistance[c, e] = Distance(centroids, c, centroids, e);
                if (Math.Abs(centroidDistance[c, e]) > 1e-15) allCentroidsEqual = false;
            }
        }
        if (allSpreadZero || allCentroidsEqual) return 0;
        double total = 0;
        for (int c = 0; c < k; c++)
        {
            double worst = 0;
            for (int e = 0; e < k; e++)
            {
                if (e == c) continue;
                double distance = centroidDistance[c, e] == 0 ? double.PositiveInfinity : centroidDistance[c, e];
                worst = Math.Max(worst, (spread[c] + spread[e]) / distance);
            }
            total += worst;
        }
        return total / k;
    }

    private static (int[] Codes, int[] Counts) Encode(double[,] x, int[] labels, int minClusters, bool maxClustersBelowN)
    {
        int n = x.GetLength(0);
        if (labels.Length != n) throw new ArgumentException($"labels has {labels.Length} entries, x has {n} rows.", nameof(labels));
        var distinct = labels.Distinct().Order().ToArray();
        var map = new Dictionary<int, int>();
        for (int c = 0; c < distinct.Length; c++) map[distinct[c]] = c;
        if (distinct.Length < minClusters || (maxClustersBelowN && distinct.Length > n - 1))
            throw new ArgumentException($"cluster indices need 2 <= number of labels <= n_samples - 1 (found {distinct.Length} labels for {n} samples).", nameof(labels));
        var codes = new int[n];
        var counts = new int[distinct.Length];
        for (int i = 0; i < n; i++) { codes[i] = map[labels[i]]; counts[codes[i]]++; }
        return (codes, counts);
    }

    private static double[,] Centroids(double[,] x, int[] codes, int[] counts)
    {
        int d = x.GetLength(1);
        var centroids = new double[counts.Length, d];
        for (int i = 0; i < codes.Length; i++) for (int f = 0; f < d; f++) centroids[codes[i], f] += x[i, f];
        for (int c = 0; c < counts.Length; c++) for (int f = 0; f < d; f++) centroids[c, f] /= counts[c];
        return centroids;
    }

    private static double Distance(double[,] a, int i, double[,] b, int j)
    {
        double s = 0;
        for (int f = 0; f < a.GetLength(1); f++)
        {
            double diff = a[i, f] - b[j, f];
            s += diff * diff;
        }
        return Math.Sqrt(s);
    }
}
