using System.Numerics.Tensors;

namespace AnomalyLab.Detectors;

/// <summary>
/// Rows moved to float32 for candidate search, in a frame where float32 cannot overflow or drown the data in a common
/// offset: x̂ = fl32((x − origin) · scale), with origin the reference column means and scale a power of two (exact) that
/// brings the largest |x − origin| below 1. Distances are translation-invariant, so only the rounding of x̂ matters:
/// ‖x̂ − (x − origin)·scale‖ ≤ <see cref="RowRadius"/>.
/// </summary>
internal sealed class Float32Frame
{
    /// <summary>Relative rounding of one coordinate: float64 subtraction (2⁻⁵³) then float32 rounding (2⁻²⁴), with room.</summary>
    internal const double CoordinateRounding = 1.0 / (1 << 24) + 1.0 / (1L << 52);

    /// <summary>Largest absolute error of one coordinate when it lands in float32's subnormal range (or is flushed to 0).</summary>
    internal const double SubnormalError = 1.1754943508222875e-38; // 2⁻¹²⁶

    private Float32Frame(double[] origin, double scale)
    {
        Origin = origin;
        Scale = scale;
    }

    /// <summary>Column means of the reference rows, <c>[n_features]</c>.</summary>
    public double[] Origin { get; }

    /// <summary>Power of two applied after centring.</summary>
    public double Scale { get; }

    /// <summary>
    /// The frame for reference rows whose largest |x − origin| is <paramref name="referenceDeviation"/> and
    /// <paramref name="queries"/> (row-major, <paramref name="features"/> columns), or null when the centred data are not finite (e.g. values near ±1.8e308 whose difference overflows).
    /// </summary>
    public static Float32Frame? Create(double[] origin, double referenceDeviation, ReadOnlySpan<double> queries, int features)
    {
        double largest = Math.Max(referenceDeviation, LargestDeviation(queries, origin, features));
        if (!double.IsFinite(largest)) return null;
        double scale = largest == 0 ? 1 : Math.ScaleB(1.0, -(Math.ILogB(largest) + 1));
        return new Float32Frame(origin, scale);
    }

    /// <summary>Column means of a row-major matrix <c>[rows, cols]</c>.</summary>
    public static double[] ColumnMeans(double[] flat, int rows, int cols)
    {
        var mean = new double[cols];
        for (int i = 0; i < rows; i++) TensorPrimitives.Add(mean, flat.AsSpan(i * cols, cols), mean);
        TensorPrimitives.Divide(mean, Math.Max(rows, 1), mean);
        return mean;
    }

    /// <summary>x̂ of one row.</summary>
    public void Convert(ReadOnlySpan<double> row, Span<float> destination)
    {
        for (int f = 0; f < row.Length; f++) destination[f] = (float)((row[f] - Origin[f]) * Scale);
    }

    /// <summary>
    /// Bound on ‖x̂ − (x − origin)·scale‖ for a row whose float32 squared norm Σx̂² is <paramref name="squaredNorm"/>.
    /// </summary>
    public static double RowRadius(double squaredNorm, int features) =>
        CoordinateRounding / (1 - CoordinateRounding) * Math.Sqrt(squaredNorm) * (1 + 1e-9) + Math.Sqrt(features) * SubnormalError;

    /// <summary>Largest |x − origin| over a row-major matrix (NaN or ∞ when a value is not finite).</summary>
    public static double LargestDeviation(ReadOnlySpan<double> flat, double[] origin, int cols)
    {
        double largest = 0;
        for (int start = 0; start < flat.Length; start += cols)
            for (int f = 0; f < cols; f++) largest = Math.Max(largest, Math.Abs(flat[start + f] - origin[f]));
        return largest;
    }
}

/// <summary>
/// Reference rows x̂ packed for <see cref="Float32DotKernel"/>: panels of <see cref="Float32DotKernel.PanelWidth"/> rows,
/// each stored feature-major <c>[n_features, 32]</c>; rows past the end are zero with a NaN norm so they never qualify.
/// </summary>
internal sealed class Float32Panels
{
    public Float32Panels(double[] rows, int count, int features, Float32Frame frame)
    {
        const int width = Float32DotKernel.PanelWidth;
        Count = count;
        Features = features;
        Frame = frame;
        PanelCount = (count + width - 1) / width;
        Packed = new float[PanelCount * features * width];
        PanelNorms = new float[PanelCount * width];
        Norms = new double[count];
        Radii = new double[count];
        Array.Fill(PanelNorms, float.NaN);
        Parallel.For(0, PanelCount, () => new float[features], (panel, _, row) =>
        {
            Span<float> packed = Packed.AsSpan(panel * features * width, features * width);
            for (int lane = 0; lane < width; lane++)
            {
                int j = panel * width + lane;
                if (j >= count) break;
                frame.Convert(rows.AsSpan(j * features, features), row);
                for (int f = 0; f < features; f++) packed[f * width + lane] = row[f];
                Norms[j] = SquaredNorm(row);
                Radii[j] = Float32Frame.RowRadius(Norms[j], features);
                PanelNorms[j] = (float)Norms[j];
            }
            return row;
        }, _ => { });
        MaxNorm = Norms.Length == 0 ? 0 : Norms.Max();
        MaxRadius = Radii.Length == 0 ? 0 : Radii.Max();
    }

    public int Count { get; }
    public int Features { get; }
    public Float32Frame Frame { get; }
    public int PanelCount { get; }

    /// <summary><c>[panels, n_features, 32]</c>.</summary>
    public float[] Packed { get; }

    /// <summary>fl32(Σx̂²) per panel lane, <c>[panels · 32]</c>, NaN past the last row.</summary>
    public float[] PanelNorms { get; }

    /// <summary>Σx̂² in float64 per row.</summary>
    public double[] Norms { get; }

    /// <summary><see cref="Float32Frame.RowRadius"/> per row.</summary>
    public double[] Radii { get; }

    public double MaxNorm { get; }
    public double MaxRadius { get; }

    /// <summary>Σx̂² in float64 (each square exact, the sum off by ≤ n·2⁻⁵³ relative, far inside the float32 bound).</summary>
    public static double SquaredNorm(ReadOnlySpan<float> row)
    {
        double sum = 0;
        foreach (float v in row) sum += (double)v * v;
        return sum;
    }
}
