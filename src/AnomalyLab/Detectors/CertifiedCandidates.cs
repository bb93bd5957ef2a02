using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AnomalyLab.Detectors;

/// <summary>
/// Error bounds that let a float32 squared distance s̃ = fl32(fl32(‖â‖²) + fl32(‖b̂‖²) − 2·fl32(â·b̂)) decide which rows
/// can still be among the exact float64 k nearest neighbours.
/// <para>
/// With u = 2⁻²⁴ and γ_m = m·u/(1 − m·u): the dot product errs by ≤ γ_d·Σ|âᵢb̂ᵢ| ≤ γ_d(‖â‖² + ‖b̂‖²)/2 (any summation
/// order, fused or not), rounding the norms, their sum and the final subtraction adds ≤ 4u(‖â‖² + ‖b̂‖²), so
/// |s̃ − ‖â − b̂‖²| ≤ E = κ(‖â‖² + ‖b̂‖²) + τ with κ = γ_(2d+8) (twice the needed chain, as headroom) and τ an absolute
/// term for float32 underflow. The float32 rows differ from the exact centred, scaled rows by at most ρ (see
/// <see cref="Float32Frame.RowRadius"/>), so the true scaled distance D lies in
/// [L, U] = [√max(0, s̃ − E) − ρ_a − ρ_b, √(s̃ + E) + ρ_a + ρ_b]. The float64 distance the refinement computes is
/// D·(1 ± θ) with θ = (d + 8)·2⁻⁵² (differences, squares, d-term sum, square root).
/// </para>
/// <para>
/// For one query let U* be the k-th smallest U. The k-th smallest float64 distance is ≤ U*(1 + θ), so every row of the
/// exact answer (ties included) has L(1 − θ) ≤ U*(1 + θ): keeping all rows with L ≤ T = U*(1 + θ)/(1 − θ) and ranking
/// them by float64 distance and index gives exactly the brute-force float64 answer.
/// </para>
/// </summary>
internal sealed class CandidateBounds
{
    private const double Unit = 1.0 / (1 << 24);
    private const double UnderflowSlack = 1.1754943508222875e-38; // 2⁻¹²⁶ per float32 operation

    public CandidateBounds(Float32Panels reference)
    {
        Reference = reference;
        int d = reference.Features;
        double chain = 2.0 * d + 8;
        Kappa = chain * Unit / (1 - chain * Unit) * (1 + 1e-6);
        Tau = 8.0 * (d + 8) * UnderflowSlack;
        double theta = (d + 8) * Math.ScaleB(1.0, -52);
        Widen = (1 + theta) / (1 - theta) * (1 + 1e-12);
    }

    /// <summary>Whether the bound is meaningful for this many features (κ small); otherwise search in float64.</summary>
    public static bool Usable(int features) => (2.0 * features + 8) * Unit < 0.01;

    public Float32Panels Reference { get; }

    /// <summary>κ: relative bound of s̃ on ‖â‖² + ‖b̂‖².</summary>
    public double Kappa { get; }

    /// <summary>τ: absolute bound of s̃ from float32 underflow.</summary>
    public double Tau { get; }

    /// <summary>(1 + θ)/(1 − θ), with room for the rounding of the bound arithmetic itself.</summary>
    public double Widen { get; }
}

/// <summary>
/// Streams float32 squared distances of one query row and keeps every reference row that the bounds of
/// <see cref="CandidateBounds"/> cannot rule out of its exact k nearest neighbours.
/// </summary>
internal sealed class CandidateCollector
{
    private readonly CandidateBounds _bounds;
    private readonly int _k;
    private readonly int _limit;
    private readonly double[] _upperHeap; // max-heap of the k smallest upper bounds seen
    private int _upperCount;
    private int[] _index;
    private double[] _lower;
    private int _count;
    private double _norm;
    private double _radius;

    /// <param name="bounds">Shared error bounds.</param>
    /// <param name="k">Neighbours wanted.</param>
    /// <param name="limit">Most candidates kept before the query is handed to the float64 scan instead.</param>
    public CandidateCollector(CandidateBounds bounds, int k, int limit)
    {
        _bounds = bounds;
        _k = k;
        _limit = Math.Max(limit, k);
        _upperHeap = new double[k];
        int capacity = Math.Min(_limit, 2 * k + 64);
        _index = new int[capacity];
        _lower = new double[capacity];
    }

    /// <summary>Largest s̃ that can still matter (rounded up to float32); +∞ until k rows are seen.</summary>
    public float Prefilter { get; private set; }

    /// <summary>True when more than the limit of rows stayed undecided; the caller must scan this query in float64.</summary>
    public bool Overflowed { get; private set; }

    private double Threshold => _upperCount < _k ? double.PositiveInfinity : _upperHeap[0] * _bounds.Widen;

    /// <summary>Starts a new query row with float64 squared norm Σâ² = <paramref name="norm"/>.</summary>
    public void Reset(double norm)
    {
        _norm = norm;
        _radius = Float32Frame.RowRadius(norm, _bounds.Reference.Features);
        _upperCount = 0;
        _count = 0;
        Overflowed = false;
        Prefilter = float.PositiveInfinity;
    }

    /// <summary>
    /// Offers 32 float32 dot products of this query with reference panel <paramref name="panel"/>; rows whose s̃ passes
    /// the prefilter are checked against the exact bounds. <paramref name="self"/> is skipped (−1 for none).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OfferPanel(ReadOnlySpan<float> dots, int panel, int self)
    {
        if (Overflowed) return;
        ReadOnlySpan<float> norms = _bounds.Reference.PanelNorms.AsSpan(panel * Float32DotKernel.PanelWidth, Float32DotKernel.PanelWidth);
        var queryNorm = Vector256.Create((float)_norm);
        for (int v = 0; v < Float32DotKernel.PanelWidth; v += 8)
        {
            var dot = Vector256.Create(dots.Slice(v, 8));
            var squared = (queryNorm + Vector256.Create(norms.Slice(v, 8))) - (dot + dot);
            uint mask = Vector256.LessThanOrEqual(squared, Vector256.Create(Prefilter)).ExtractMostSignificantBits();
            while (mask != 0)
            {
                int lane = System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                int j = panel * Float32DotKernel.PanelWidth + v + lane;
                if (j != self) Offer(j, squared.GetElement(lane));
                if (Overflowed) return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Offer(int j, float squared)
    {
        var reference = _bounds.Reference;
        double error = _bounds.Kappa * (_norm + reference.Norms[j]) + _bounds.Tau;
        double radii = _radius + reference.Radii[j];
        double upper = (Math.Sqrt(squared + error) + radii) * (1 + 1e-12);
        double lower = (Math.Sqrt(Math.Max(0, squared - error)) - radii) * (1 - 1e-12);
        if (_upperCount < _k || upper < _upperHeap[0])
        {
            PushUpper(upper);
            if (_upperCount == _k) UpdatePrefilter();
        }
        if (lower > Threshold) return;
        if (_count == _index.Length) MakeRoom();
        if (Overflowed) return;
        _index[_count] = j;
        _lower[_count] = lower;
        _count++;
    }

    /// <summary>
    /// The rows that may belong to the exact answer, or null when the query overflowed (or saw fewer than k finite
    /// distances, e.g. NaN features): then only a full float64 scan is exact.
    /// </summary>
    public int[]? Finish()
    {
        if (Overflowed || _upperCount < _k) return null;
        double threshold = Threshold;
        var kept = new List<int>(_count);
        for (int m = 0; m < _count; m++) if (_lower[m] <= threshold) kept.Add(_index[m]);
        return kept.Count >= _k ? kept.ToArray() : null;
    }

    private void UpdatePrefilter()
    {
        // Any row passing the exact test has s̃ ≤ (T + ρ_a + ρ_max)² + κ(‖â‖² + max‖b̂‖²) + τ.
        var reference = _bounds.Reference;
        double reach = Threshold + _radius + reference.MaxRadius;
        double squared = reach * reach + _bounds.Kappa * (_norm + reference.MaxNorm) + _bounds.Tau;
        float rounded = (float)(squared * (1 + 1e-6));
        Prefilter = float.IsFinite(rounded) ? MathF.BitIncrement(rounded) : float.PositiveInfinity;
    }

    private void MakeRoom()
    {
        double threshold = Threshold;
        int kept = 0;
        for (int m = 0; m < _count; m++)
        {
            if (_lower[m] > threshold) continue;
            _index[kept] = _index[m];
            _lower[kept] = _lower[m];
            kept++;
        }
        _count = kept;
        if (_count * 2 <= _index.Length) return;
        if (_index.Length >= _limit)
        {
            Overflowed = _count == _index.Length;
            return;
        }
        int capacity = (int)Math.Min(_limit, 2L * _index.Length);
        Array.Resize(ref _index, capacity);
        Array.Resize(ref _lower, capacity);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PushUpper(double value)
    {
        if (_upperCount < _k)
        {
            int child = _upperCount++;
            while (child > 0)
            {
                int parent = (child - 1) / 2;
                if (_upperHeap[parent] >= value) break;
                _upperHeap[child] = _upperHeap[parent];
                child = parent;
            }
            _upperHeap[child] = value;
            return;
        }
        int at = 0;
        while (true)
        {
            int left = 2 * at + 1;
            if (left >= _k) break;
            int larger = left + 1 < _k && _upperHeap[left + 1] > _upperHeap[left] ? left + 1 : left;
            if (_upperHeap[larger] <= value) break;
            _upperHeap[at] = _upperHeap[larger];
            at = larger;
        }
        _upperHeap[at] = value;
    }
}
