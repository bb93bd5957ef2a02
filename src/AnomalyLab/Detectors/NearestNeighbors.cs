using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AnomalyLab.Runtime;
using TorchSharp;

namespace AnomalyLab.Detectors;

/// <summary>
/// Exact Euclidean k-nearest-neighbour search by brute force. Candidates come from float32 squared distances
/// ‖â‖² + ‖b̂‖² − 2â·b̂ of centred, power-of-two-scaled copies of the rows (a GEMM, see <see cref="DistanceBackend"/>);
/// a rigorous float32 error bound (<see cref="CandidateBounds"/>) keeps every row that could still rank among the k
/// nearest, and the kept rows are ranked by float64 distances √Σ(aᵢ − bᵢ)² computed directly. The answer is therefore
/// exactly the float64 brute-force answer, ties broken by index. A query whose candidates cannot be narrowed (more than
/// k + 8,192 undecided rows, or non-finite values) is ranked over all rows in float64.
/// </summary>
public sealed class NearestNeighbors
{
    private const int QueryBlock = 256;
    private const int TorchQueryBlock = 512;
    private const int ExtraCandidateLimit = 8192;

    private readonly double[] _reference;
    private readonly double[] _origin;
    private readonly double _referenceDeviation;
    private readonly DistanceBackend _backend;
    private readonly bool _wideKernel;
    private readonly object _panelsGate = new();
    private Float32Panels? _panels;

    /// <summary>Indexes <paramref name="reference"/> (copied), shape <c>[n_reference, n_features]</c>.</summary>
    public NearestNeighbors(double[,] reference, DistanceBackend backend = DistanceBackend.Auto)
        : this(reference, backend, Float32DotKernel.WideAvailable)
    {
    }

    /// <summary>As the public constructor; <paramref name="wideKernel"/> false forces the <c>Vector256</c> tile (tests).</summary>
    internal NearestNeighbors(double[,] reference, DistanceBackend backend, bool wideKernel)
    {
        Count = reference.GetLength(0);
        Features = reference.GetLength(1);
        _reference = FeatureMatrix.Flatten(reference);
        _origin = Float32Frame.ColumnMeans(_reference, Count, Features);
        _referenceDeviation = Float32Frame.LargestDeviation(_reference, _origin, Features);
        _backend = backend;
        _wideKernel = wideKernel && Float32DotKernel.WideAvailable;
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
    /// <returns>Distances and indices, both <c>[n_queries, k]</c>, ascending (distance, index).</returns>
    public (double[,] Distances, int[,] Indices) Query(double[,] queries, int k, bool excludeSelf = false)
    {
        int q = queries.GetLength(0);
        if (queries.GetLength(1) != Features) throw new ArgumentException($"queries have {queries.GetLength(1)} features, the index {Features}.");
        int available = excludeSelf ? Count - 1 : Count;
        if (k < 1 || k > available) throw new ArgumentOutOfRangeException(nameof(k), k, $"expected 1 ≤ k ≤ {available} ({Count} reference rows{(excludeSelf ? ", self excluded" : "")}).");
        if (excludeSelf && q != Count) throw new ArgumentException("excludeSelf needs the reference rows themselves as queries.");
        var result = new Answer(queries, k, excludeSelf, new double[q, k], new int[q, k]);
        Float32Frame? frame = CandidateBounds.Usable(Features)
            ? Float32Frame.Create(_origin, _referenceDeviation, result.Rows, Features)
            : null;
        if (frame is null) Parallel.For(0, q, i => Rank(result, i, null));
        else if (_backend == DistanceBackend.Torch) TorchSearch(result, q, new CandidateBounds(PanelsFor(frame)));
        else ManagedSearch(result, q, new CandidateBounds(PanelsFor(frame)));
        return (result.Distances, result.Indices);
    }

    /// <summary>One query call: the query rows (read in place), k, and the output arrays.</summary>
    private sealed record Answer(double[,] Query, int K, bool ExcludeSelf, double[,] Distances, int[,] Indices)
    {
        /// <summary>The query matrix as one row-major span, without copying.</summary>
        public ReadOnlySpan<double> Rows =>
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(Query)), Query.Length);
    }

    private Float32Panels PanelsFor(Float32Frame frame)
    {
        lock (_panelsGate)
        {
            if (_panels is null || _panels.Frame.Scale != frame.Scale) _panels = new Float32Panels(_reference, Count, Features, frame);
            return _panels;
        }
    }

    private void ManagedSearch(Answer answer, int q, CandidateBounds bounds)
    {
        int blocks = (q + QueryBlock - 1) / QueryBlock;
        Parallel.For(0, blocks, block => SearchBlock(answer, bounds, block * QueryBlock, Math.Min(QueryBlock, q - block * QueryBlock)));
    }

    /// <summary>Query rows [start, start + rows) against every reference panel, then their float64 ranking.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per block: tier-0 code would cost a whole first call
    private void SearchBlock(Answer answer, CandidateBounds bounds, int start, int rows)
    {
        int d = Features, tileRows = Float32DotKernel.TileRows(_wideKernel), width = Float32DotKernel.PanelWidth;
        Float32Panels panels = bounds.Reference;
        CandidateCollector[] collectors = StartRows(answer, bounds, start, rows, out float[] converted);
        int tiles = (rows + tileRows - 1) / tileRows;
        var packed = new float[tiles * d * tileRows];
        Float32DotKernel.PackQueries(converted, rows, d, tileRows, packed);
        var dots = new float[tileRows * width];
        for (int p = 0; p < panels.PanelCount; p++)
        {
            ReadOnlySpan<float> panel = panels.Packed.AsSpan(p * d * width, d * width);
            for (int t = 0; t < tiles; t++)
            {
                Float32DotKernel.Tile(_wideKernel, packed.AsSpan(t * d * tileRows, d * tileRows), panel, d, dots);
                for (int r = 0, i = t * tileRows; r < tileRows && i < rows; r++, i++)
                    collectors[i].OfferPanel(dots.AsSpan(r * width, width), p, answer.ExcludeSelf ? start + i : -1);
            }
        }
        for (int i = 0; i < rows; i++) Rank(answer, start + i, collectors[i].Finish());
    }

    private void TorchSearch(Answer answer, int q, CandidateBounds bounds)
    {
        TorchNative.EnsureLoadable();
        int d = Features, n = Count, width = Float32DotKernel.PanelWidth;
        Float32Panels panels = bounds.Reference;
        var unpacked = new float[n * d];
        for (int j = 0; j < n; j++)
        {
            int offset = (j / width) * d * width + j % width;
            for (int f = 0; f < d; f++) unpacked[j * d + f] = panels.Packed[offset + f * width];
        }
        using var outer = torch.NewDisposeScope();
        var reference = torch.tensor(unpacked, [n, d], torch.float32);
        for (int start = 0; start < q; start += TorchQueryBlock)
        {
            int rows = Math.Min(TorchQueryBlock, q - start);
            CandidateCollector[] collectors = StartRows(answer, bounds, start, rows, out float[] converted);
            float[] dots;
            using (torch.NewDisposeScope())
            {
                var block = torch.tensor(converted, [rows, d], torch.float32);
                dots = block.mm(reference.t()).data<float>().ToArray();
            }
            int blockStart = start;
            Parallel.For(0, rows, () => new float[width], (i, _, padded) =>
            {
                for (int p = 0; p < panels.PanelCount; p++)
                {
                    int first = p * width, length = Math.Min(width, n - first);
                    ReadOnlySpan<float> row = dots.AsSpan(i * n + first, length);
                    if (length < width)
                    {
                        row.CopyTo(padded);
                        row = padded;
                    }
                    collectors[i].OfferPanel(row, p, answer.ExcludeSelf ? blockStart + i : -1);
                }
                Rank(answer, blockStart + i, collectors[i].Finish());
                return padded;
            }, _ => { });
        }
    }

    /// <summary>Converts query rows [start, start + rows) to the float32 frame and starts one collector per row.</summary>
    private CandidateCollector[] StartRows(Answer answer, CandidateBounds bounds, int start, int rows, out float[] converted)
    {
        int d = Features;
        converted = new float[rows * d];
        var collectors = new CandidateCollector[rows];
        for (int i = 0; i < rows; i++)
        {
            Span<float> row = converted.AsSpan(i * d, d);
            bounds.Reference.Frame.Convert(answer.Rows.Slice((start + i) * d, d), row);
            collectors[i] = new CandidateCollector(bounds, answer.K, answer.K + ExtraCandidateLimit);
            collectors[i].Reset(Float32Panels.SquaredNorm(row));
        }
        return collectors;
    }

    /// <summary>
    /// Ranks query <paramref name="i"/>'s candidates (all rows when null) by float64 distance, then index, and writes
    /// the first k.
    /// </summary>
    private void Rank(Answer answer, int i, int[]? candidates)
    {
        int d = Features, self = answer.ExcludeSelf ? i : -1;
        ReadOnlySpan<double> a = answer.Rows.Slice(i * d, d);
        int total = candidates?.Length ?? Count;
        var pairs = new List<(double Distance, int Index)>(total);
        for (int m = 0; m < total; m++)
        {
            int j = candidates is null ? m : candidates[m];
            if (j != self) pairs.Add((TensorPrimitives.Distance(a, _reference.AsSpan(j * d, d)), j));
        }
        pairs.Sort();
        for (int m = 0; m < answer.K; m++) (answer.Distances[i, m], answer.Indices[i, m]) = pairs[m];
    }
}
