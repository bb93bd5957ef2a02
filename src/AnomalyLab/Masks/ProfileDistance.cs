namespace AnomalyLab.Masks;

/// <summary>Distances between 1-D non-negative profiles over equally spaced bins (mel bins or frames). Pure functions.</summary>
public static class ProfileDistance
{
    /// <summary>
    /// 1-D Wasserstein-1 (earth mover's) distance between <paramref name="a"/> and <paramref name="b"/>, each first normalised to sum 1,
    /// with unit spacing between bins: W₁ = Σᵢ |CDF_a(i) − CDF_b(i)| (scipy's <c>wasserstein_distance(range(n), range(n), a, b)</c>).
    /// In [0, n − 1]; n − 1 when all mass sits at opposite ends.
    /// </summary>
    public static double Wasserstein1(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"profiles differ in length: {a.Count} vs {b.Count}");
        double sumA = Sum(a, nameof(a)), sumB = Sum(b, nameof(b));
        double cdfA = 0, cdfB = 0, distance = 0;
        for (int i = 0; i < a.Count - 1; i++)
        {
            cdfA += a[i] / sumA;
            cdfB += b[i] / sumB;
            distance += Math.Abs(cdfA - cdfB);
        }
        return distance;
    }

    /// <summary>Similarity 1 − W₁ / (n − 1) in [0, 1]: 1 for identical normalised profiles, 0 for mass at opposite ends. 1 when n = 1.</summary>
    public static double Similarity(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a.Count <= 1 ? 1.0 : Math.Clamp(1 - Wasserstein1(a, b) / (a.Count - 1), 0, 1);

    private static double Sum(IReadOnlyList<double> values, string name)
    {
        double sum = 0;
        foreach (double v in values)
        {
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentException($"profile {name} must be finite and non-negative, found {v}");
            sum += v;
        }
        if (sum <= 0) throw new ArgumentException($"profile {name} has no mass (all zeros)");
        return sum;
    }
}
