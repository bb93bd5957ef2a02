using System.Numerics.Tensors;
using AnomalyLab.Detectors;

namespace AnomalyLab.Tests.Detectors;

/// <summary>
/// The float32 candidate search must give exactly the float64 brute-force answer (same distances bit for bit, ties
/// broken by index) on data built to defeat float32: near-ties far below float32 resolution, exact ties, duplicated
/// rows, large common offsets (cancellation in ‖a‖² + ‖b‖² − 2a·b), tiny and huge magnitudes, k = Count − 1, and more
/// undecidable rows than the candidate limit (float64 fallback).
/// </summary>
public sealed class NearestNeighborsExactnessTests
{
    public enum Search
    {
        ManagedWide,
        ManagedNarrow,
        Torch,
    }

    public static TheoryData<Search> Searches => new() { Search.ManagedWide, Search.ManagedNarrow, Search.Torch };

    private static NearestNeighbors Index(double[,] reference, Search search) => search switch
    {
        Search.ManagedWide => new NearestNeighbors(reference, DistanceBackend.Managed, wideKernel: true),
        Search.ManagedNarrow => new NearestNeighbors(reference, DistanceBackend.Managed, wideKernel: false),
        _ => new NearestNeighbors(reference, DistanceBackend.Torch),
    };

    /// <summary>Every pair's float64 distance, sorted by (distance, index): the definition the search must meet.</summary>
    private static (double[,] Distances, int[,] Indices) BruteForce(double[,] reference, double[,] queries, int k, bool excludeSelf)
    {
        int n = reference.GetLength(0), q = queries.GetLength(0), d = reference.GetLength(1);
        var distances = new double[q, k];
        var indices = new int[q, k];
        var a = new double[d];
        var b = new double[d];
        for (int i = 0; i < q; i++)
        {
            for (int f = 0; f < d; f++) a[f] = queries[i, f];
            var pairs = new List<(double, int)>();
            for (int j = 0; j < n; j++)
            {
                if (excludeSelf && j == i) continue;
                for (int f = 0; f < d; f++) b[f] = reference[j, f];
                double plain = 0;
                for (int f = 0; f < d; f++) plain += (a[f] - b[f]) * (a[f] - b[f]);
                double distance = TensorPrimitives.Distance<double>(a, b);
                Assert.Equal(Math.Sqrt(plain), distance, 1e-12 * Math.Max(1, distance));
                pairs.Add((distance, j));
            }
            pairs.Sort();
            for (int m = 0; m < k; m++) (distances[i, m], indices[i, m]) = pairs[m];
        }
        return (distances, indices);
    }

    private static void AssertExact(double[,] reference, double[,] queries, int k, bool excludeSelf, Search search)
    {
        var expected = BruteForce(reference, queries, k, excludeSelf);
        var actual = Index(reference, search).Query(queries, k, excludeSelf);
        Assert.Equal(expected.Indices, actual.Indices);
        Assert.Equal(expected.Distances, actual.Distances);
    }

    private static double[,] Uniform(int rows, int cols, int seed, double offset = 0, double spread = 1)
    {
        var random = new Random(seed);
        var x = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                x[i, j] = offset + spread * (2 * random.NextDouble() - 1);
        return x;
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void Near_ties_below_float32_resolution_rank_as_float64(Search search)
    {
        // 300 rows on a shell of radius 1 + m·1e-12 (m = 0..6) around a centre: float32 cannot order them at all.
        const int n = 300, d = 24;
        var random = new Random(3);
        var centre = new double[d];
        for (int f = 0; f < d; f++) centre[f] = 5 * random.NextDouble();
        var reference = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            var direction = new double[d];
            for (int f = 0; f < d; f++) direction[f] = random.NextDouble() - 0.5;
            double norm = Math.Sqrt(direction.Sum(v => v * v)), radius = 1 + (i % 7) * 1e-12;
            for (int f = 0; f < d; f++) reference[i, f] = centre[f] + radius * direction[f] / norm;
        }
        var queries = new double[3, d];
        for (int f = 0; f < d; f++) (queries[0, f], queries[1, f], queries[2, f]) = (centre[f], centre[f] + 1e-9, centre[f] + (f == 0 ? 1e-3 : 0));
        AssertExact(reference, queries, 5, false, search);
        AssertExact(reference, queries, 40, false, search);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void Exact_ties_on_an_integer_grid_are_broken_by_index(Search search)
    {
        var random = new Random(5);
        var grid = new double[400, 6];
        for (int i = 0; i < 400; i++)
            for (int f = 0; f < 6; f++)
                grid[i, f] = random.Next(3);
        AssertExact(grid, grid, 9, true, search);
        AssertExact(grid, Uniform(20, 6, 6, offset: 1, spread: 1.5), 11, false, search);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void Duplicated_rows_are_all_kept_across_the_k_boundary(Search search)
    {
        // 60 distinct rows each five times: with k = 7 every query's list crosses from its 4 copies (distance 0) into ties.
        double[,] distinct = Uniform(60, 33, 7);
        var reference = new double[300, 33];
        for (int i = 0; i < 300; i++)
            for (int f = 0; f < 33; f++)
                reference[i, f] = distinct[i % 60, f];
        AssertExact(reference, reference, 7, true, search);
        AssertExact(reference, distinct, 3, false, search);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void Large_common_offsets_do_not_cancel_away_the_distances(Search search)
    {
        // Features 1e4 ± 1: ‖a‖² ≈ 6.4e9 while squared distances are ≈ 40, the worst case for the GEMM form.
        double[,] reference = Uniform(257, 64, 8, offset: 1e4);
        AssertExact(reference, reference, 5, true, search);
        AssertExact(reference, Uniform(40, 64, 9, offset: 1e4), 20, false, search);
        double[,] far = Uniform(150, 16, 10, offset: 1e12, spread: 1e-3);
        AssertExact(far, far, 4, true, search);
        // Queries much farther out than the reference rows: the float32 frame is scaled for both.
        AssertExact(far, Uniform(10, 16, 11, offset: 1e12 + 5, spread: 1e-3), 6, false, search);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void Tiny_and_huge_magnitudes_stay_exact(Search search)
    {
        double[,] tiny = Uniform(120, 10, 12, spread: 1e-30);
        AssertExact(tiny, tiny, 5, true, search);
        double[,] huge = Uniform(120, 10, 13, spread: 1e30);
        AssertExact(huge, huge, 5, true, search);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void Every_other_row_when_k_is_count_minus_one(Search search)
    {
        double[,] reference = Uniform(70, 20, 14, offset: 3);
        AssertExact(reference, reference, 69, true, search);
        AssertExact(reference, Uniform(5, 20, 15), 70, false, search);
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public void More_undecidable_rows_than_the_candidate_limit_fall_back_to_float64(Search search)
    {
        // 8,300 rows on the unit sphere (norms equal up to float64 rounding) and queries at the centre: no float32 bound
        // separates them, so the candidate list overflows and the query is ranked over all rows in float64.
        const int n = 8300, d = 8;
        var random = new Random(16);
        var sphere = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            var v = new double[d];
            for (int f = 0; f < d; f++) v[f] = random.NextDouble() - 0.5;
            double norm = Math.Sqrt(v.Sum(x => x * x));
            for (int f = 0; f < d; f++) sphere[i, f] = v[f] / norm;
        }
        AssertExact(sphere, new double[2, d], 6, false, search);
    }

    [Fact]
    public void Random_clustered_data_matches_brute_force_for_k_5_and_20()
    {
        var reference = new double[700, 48];
        var random = new Random(17);
        for (int i = 0; i < 700; i++)
            for (int f = 0; f < 48; f++)
                reference[i, f] = (i % 4) + random.NextDouble() - 0.5;
        AssertExact(reference, reference, 5, true, Search.ManagedWide);
        AssertExact(reference, reference, 20, true, Search.ManagedNarrow);
    }
}
