using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AnomalyLab.Studies;

/// <summary>
/// The few row operations the study's PCA needs, as small vector loops compiled fully optimised on first use (a study
/// usually calls them once per process, so JIT time of larger generic kernels would dominate). Element-wise operations
/// give exactly <c>(float)</c>/<c>x * a + y</c> per element; <see cref="Dot"/> sums in vector lanes, then the lanes.
/// </summary>
internal static class RowKernels
{
    /// <summary>Σ a[i]·b[i] over equal-length rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> va = MemoryMarshal.Cast<double, Vector<double>>(a), vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            var acc = Vector<double>.Zero;
            for (int v = 0; v < va.Length; v++) acc += va[v] * vb[v];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary><paramref name="y"/>[i] = <paramref name="x"/>[i] · <paramref name="a"/> + <paramref name="y"/>[i] (not fused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            ReadOnlySpan<Vector<double>> vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            Span<Vector<double>> vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
            var va = new Vector<double>(a);
            for (int v = 0; v < vx.Length; v++) vy[v] = vx[v] * va + vy[v];
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++) y[i] = x[i] * a + y[i];
    }

    /// <summary><paramref name="destination"/>[i] = (double)<paramref name="source"/>[i] − <paramref name="mean"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Centre(ReadOnlySpan<float> source, double mean, Span<double> destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = source[i] - mean;
    }

    /// <summary><paramref name="destination"/>[i] = (float)<paramref name="source"/>[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = (float)source[i];
    }
}
