using System.Numerics.Tensors;
using AnomalyLab.Runtime;
using TorchSharp;

namespace AnomalyLab.Detectors;

/// <summary>How <see cref="NearestNeighbors"/> computes its blocks of squared distances ‖a‖² + ‖b‖² − 2a·b.</summary>
public enum DistanceBackend
{
    /// <summary>TorchSharp (libtorch BLAS, float64) for large problems, managed code for small ones.</summary>
    Auto,

    /// <summary>Managed blocked dot products (System.Numerics.Tensors, parallel over query blocks).</summary>
    Managed,

    /// <summary>TorchSharp <c>mm</c> in float64 plus <c>topk</c> per block of queries.</summary>
    Torch,
}

/// <summary>
/// Exact Euclidean k-nearest-neighbour search by brute force. Candidates are chosen from blocked squared distances
/// ‖a‖² + ‖b‖² − 2a·b (the GEMM form scikit-learn's brute force uses too); the distances returned are then recomputed
/// directly as √Σ(aᵢ − bᵢ)², so they carry no cancellation error. Neighbours are sorted by distance, then index.
/// </summary>
public sealed class NearestNeighbors
{
    private const int QueryBlock = 64;
    private const int ReferenceBlock = 128;
    private const int TorchQueryBlock = 512;
    /// <summary>Above this many multiply-adds (queries × references × features) <see cref="DistanceBackend.Auto"/> uses TorchSharp.</summary>
    private const double TorchWorkThreshold = 2e8;

    private readonly double[] _reference;
    private readonly double[] _norms;
    private readonly DistanceBackend _backend;

    /// <summary>Indexes <paramref name="reference"/> (copied), shape <c>[n_reference, n_features]</c>.</summary>
    public NearestNeighbors(double[,] reference, DistanceBackend backend = DistanceBackend.Auto)
    {
        Count = reference.GetLength(0);
        Features = reference.GetLength(1);
        _reference = FeatureMatrix.Flatten(reference);
        _norms = SquaredNorms(_reference, Count, Features);
        _backend = backend;
    }

    /// <summary>Rows indexed.</summary>
    public int Count { get; }

    /// <summary>Features per row.</summary>
    public int Features { get; }

    /// <summary>
    /// The <paramref name="k"/> nearest reference rows of each query row.
    /// With <paramref name="excludeSelf"/> the queries must be the reference rows themselves and row i never lists i
    /// (scikit-learn's <c>kneighbors()</c> without X).
    /// </summary>
    /// <param name="queries">Query rows <c>[n_queries, n_features]</c>.</param>
    /// <param name="k">Neighbours per query, 1 ≤ k ≤ Count (− 1 when excluding self).</param>
    /// <param name="excludeSelf">Leave each row out of its own neighbour list.</param>
    /// <returns>Distances and indices, both <c>[n_queries, k]</c>, ascending distance.</returns>
    public (double[,] Distances, int[,] Indices) Query(double[,] queries, int k, bool excludeSelf = false)
    {
        int q = queries.GetLength(0);
        if (queries.GetLength(1) != Features) throw new ArgumentException($"queries have {queries.GetLength(1)} features, the index {Features}.");
        int available = excludeSelf ? Count - 1 : Count;
        if (k < 1 || k > available) throw new ArgumentOutOfRangeException(nameof(k), k, $"expected 1 ≤ k ≤ {available} ({Count} reference rows{(excludeSelf ? ", self excluded" : "")}).");
        if (excludeSelf && q != Count) throw new ArgumentException("excludeSelf needs the reference rows themselves as queries.");
        double[] query = FeatureMatrix.Flatten(queries);
        double[] queryNorms = SquaredNorms(query, q, Features);
        var candidates = new int[q, k];
        bool useTorch = _backend == DistanceBackend.Torch
            || (_backend == DistanceBackend.Auto && (double)q * Count * Features > TorchWorkThreshold);
        if (useTorch) TorchCandidates(query, queryNorms, q, k, excludeSelf, candidates);
        else ManagedCandidates(query, queryNorms, q, k, excludeSelf, candidates);
        return Refine(query, q, k, candidates);
    }

    private void ManagedCandidates(double[] query, double[] queryNorms, int q, int k, bool excludeSelf, int[,] candidates)
    {
        int d = Features, n = Count;
        int blocks = (q + QueryBlock - 1) / QueryBlock;
        Parallel.For(0, blocks, block =>
        {
            int start = block * QueryBlock, end = Math.Min(q, start + QueryBlock), rows = end - start;
            var bestDistance = new double[rows * k];
            var bestIndex = new int[rows * k];
            var filled = new int[rows];
            for (int r0 = 0; r0 < n; r0 += ReferenceBlock)
            {
                int r1 = Math.Min(n, r0 + ReferenceBlock);
                for (int i = 0; i < rows; i++)
                {
                    int qi = start + i;
                    ReadOnlySpan<double> a = query.AsSpan(qi * d, d);
                    Span<double> best = bestDistance.AsSpan(i * k, k);
                    Span<int> bestAt = bestIndex.AsSpan(i * k, k);
                    for (int j = r0; j < r1; j++)
                    {
                        if (excludeSelf && j == qi) continue;
                        double squared = queryNorms[qi] + _norms[j] - 2 * TensorPrimitives.Dot(a, _reference.AsSpan(j * d, d));
                        Insert(best, bestAt, ref filled[i], k, squared, j);
                    }
                }
            }
            for (int i = 0; i < rows; i++)
                for (int m = 0; m < k; m++)
                    candidates[start + i, m] = bestIndex[i * k + m];
        });
    }

    /// <summary>Keeps the k smallest (distance, index) pairs in ascending order.</summary>
    private static void Insert(Span<double> best, Span<int> bestAt, ref int filled, int k, double distance, int index)
    {
        if (filled == k && distance >= best[k - 1]) return;
        int position = filled < k ? filled++ : k - 1;
        while (position > 0 && best[position - 1] > distance)
        {
            best[position] = best[position - 1];
            bestAt[position] = bestAt[position - 1];
            position--;
        }
        best[position] = distance;
        bestAt[position] = index;
    }

    private void TorchCandidates(double[] query, double[] queryNorms, int q, int k, bool excludeSelf, int[,] candidates)
    {
        TorchNative.EnsureLoadable();
        int d = Features, n = Count;
        using var outer = torch.NewDisposeScope();
        var reference = torch.tensor(_reference, [n, d], torch.float64);
        var referenceNorms = torch.tensor(_norms, [1, n], torch.float64);
        var indices = new long[k];
        for (int start = 0; start < q; start += TorchQueryBlock)
        {
            int rows = Math.Min(TorchQueryBlock, q - start);
            using var scope = torch.NewDisposeScope();
            var block = torch.tensor(query.AsSpan(start * d, rows * d).ToArray(), [rows, d], torch.float64);
            var norms = torch.tensor(queryNorms.AsSpan(start, rows).ToArray(), [rows, 1], torch.float64);
            var squared = norms + referenceNorms - 2 * block.mm(reference.t());
            if (excludeSelf)
            {
                var rowIndex = torch.arange(rows, dtype: torch.int64);
                squared.index_put_(double.PositiveInfinity, rowIndex, rowIndex + start);
            }
            var (_, nearest) = squared.topk(k, dim: 1, largest: false, sorted: true);
            long[] flat = nearest.data<long>().ToArray();
            for (int i = 0; i < rows; i++)
                for (int m = 0; m < k; m++)
                    candidates[start + i, m] = (int)flat[i * k + m];
        }
    }

    /// <summary>Exact distances of the chosen neighbours, sorted by (distance, index).</summary>
    private (double[,], int[,]) Refine(double[] query, int q, int k, int[,] candidates)
    {
        int d = Features;
        var distances = new double[q, k];
        var indices = new int[q, k];
        Parallel.For(0, q, () => new (double, int)[k], (i, _, pairs) =>
        {
            ReadOnlySpan<double> a = query.AsSpan(i * d, d);
            for (int m = 0; m < k; m++)
            {
                int j = candidates[i, m];
                pairs[m] = (TensorPrimitives.Distance(a, _reference.AsSpan(j * d, d)), j);
            }
            Array.Sort(pairs);
            for (int m = 0; m < k; m++) (distances[i, m], indices[i, m]) = pairs[m];
            return pairs;
        }, _ => { });
        return (distances, indices);
    }

    private static double[] SquaredNorms(double[] flat, int rows, int cols)
    {
        var norms = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<double> row = flat.AsSpan(i * cols, cols);
            norms[i] = TensorPrimitives.Dot(row, row);
        }
        return norms;
    }
}
