using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AnomalyLab.Detectors;

/// <summary>
/// Float32 dot products of a few query rows against one packed reference panel (the inner block of a GEMM): each
/// output is one sequential chain of n_features fused multiply-adds, so its rounding error is at most
/// γ_n·Σ|aᵢbᵢ| with γ_n = n·2⁻²⁴ / (1 − n·2⁻²⁴) whatever the tile shape.
/// </summary>
internal static class Float32DotKernel
{
    /// <summary>Reference rows per packed panel (two <c>Vector512&lt;float&gt;</c>).</summary>
    public const int PanelWidth = 32;

    /// <summary>Query rows per tile: 8 with AVX-512 (16 zmm accumulators), else 6 (12 ymm accumulators per 16-column half).</summary>
    public static int TileRows(bool wide) => wide ? 8 : 6;

    /// <summary>Whether the 8 × 32 <c>Vector512</c> tile runs in hardware here.</summary>
    public static bool WideAvailable => Vector512.IsHardwareAccelerated;

    /// <summary>Packs <paramref name="rows"/> float32 rows <c>[rows, d]</c> as tiles of <paramref name="tileRows"/>, feature-major <c>[d, tileRows]</c>, zero-padded.</summary>
    public static void PackQueries(ReadOnlySpan<float> rows, int count, int d, int tileRows, Span<float> packed)
    {
        packed.Clear();
        for (int i = 0; i < count; i++)
        {
            int tile = i / tileRows, lane = i % tileRows;
            Span<float> target = packed.Slice(tile * d * tileRows, d * tileRows);
            ReadOnlySpan<float> row = rows.Slice(i * d, d);
            for (int f = 0; f < d; f++) target[f * tileRows + lane] = row[f];
        }
    }

    /// <summary>
    /// dots[r·32 + j] = a_r · b_j for one query tile <paramref name="a"/> (<c>[d, tileRows]</c>) and one panel
    /// <paramref name="b"/> (<c>[d, 32]</c>).
    /// </summary>
    public static void Tile(bool wide, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int d, Span<float> dots)
    {
        int rows = TileRows(wide);
        if (a.Length < d * rows || b.Length < d * PanelWidth || dots.Length < rows * PanelWidth)
            throw new ArgumentException($"tile buffers too short: a {a.Length} < {d * rows}, b {b.Length} < {d * PanelWidth} or dots {dots.Length} < {rows * PanelWidth}.");
        if (wide) Tile8x32(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), d, dots);
        else Tile6x32(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), d, dots);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x32(ref float a, ref float b, int d, Span<float> dots)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int f = 0; f < d; f++)
        {
            var b0 = Vector512.LoadUnsafe(ref b, (nuint)(f * 32));
            var b1 = Vector512.LoadUnsafe(ref b, (nuint)(f * 32 + 16));
            ref float x = ref Unsafe.Add(ref a, f * 8);
            var x0 = Vector512.Create(x);
            c00 = Vector512.FusedMultiplyAdd(x0, b0, c00); c01 = Vector512.FusedMultiplyAdd(x0, b1, c01);
            var x1 = Vector512.Create(Unsafe.Add(ref x, 1));
            c10 = Vector512.FusedMultiplyAdd(x1, b0, c10); c11 = Vector512.FusedMultiplyAdd(x1, b1, c11);
            var x2 = Vector512.Create(Unsafe.Add(ref x, 2));
            c20 = Vector512.FusedMultiplyAdd(x2, b0, c20); c21 = Vector512.FusedMultiplyAdd(x2, b1, c21);
            var x3 = Vector512.Create(Unsafe.Add(ref x, 3));
            c30 = Vector512.FusedMultiplyAdd(x3, b0, c30); c31 = Vector512.FusedMultiplyAdd(x3, b1, c31);
            var x4 = Vector512.Create(Unsafe.Add(ref x, 4));
            c40 = Vector512.FusedMultiplyAdd(x4, b0, c40); c41 = Vector512.FusedMultiplyAdd(x4, b1, c41);
            var x5 = Vector512.Create(Unsafe.Add(ref x, 5));
            c50 = Vector512.FusedMultiplyAdd(x5, b0, c50); c51 = Vector512.FusedMultiplyAdd(x5, b1, c51);
            var x6 = Vector512.Create(Unsafe.Add(ref x, 6));
            c60 = Vector512.FusedMultiplyAdd(x6, b0, c60); c61 = Vector512.FusedMultiplyAdd(x6, b1, c61);
            var x7 = Vector512.Create(Unsafe.Add(ref x, 7));
            c70 = Vector512.FusedMultiplyAdd(x7, b0, c70); c71 = Vector512.FusedMultiplyAdd(x7, b1, c71);
        }
        ref float o = ref MemoryMarshal.GetReference(dots);
        c00.StoreUnsafe(ref o, 0); c01.StoreUnsafe(ref o, 16); c10.StoreUnsafe(ref o, 32); c11.StoreUnsafe(ref o, 48);
        c20.StoreUnsafe(ref o, 64); c21.StoreUnsafe(ref o, 80); c30.StoreUnsafe(ref o, 96); c31.StoreUnsafe(ref o, 112);
        c40.StoreUnsafe(ref o, 128); c41.StoreUnsafe(ref o, 144); c50.StoreUnsafe(ref o, 160); c51.StoreUnsafe(ref o, 176);
        c60.StoreUnsafe(ref o, 192); c61.StoreUnsafe(ref o, 208); c70.StoreUnsafe(ref o, 224); c71.StoreUnsafe(ref o, 240);
    }

    /// <summary>6 × 32 as two 6 × 16 halves: 12 ymm accumulators + 2 loads + 1 broadcast fit AVX2's 16 registers.</summary>
    private static void Tile6x32(ref float a, ref float b, int d, Span<float> dots)
    {
        Tile6x16(ref a, ref b, d, dots);
        Tile6x16(ref a, ref Unsafe.Add(ref b, 16), d, dots[16..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile6x16(ref float a, ref float b, int d, Span<float> dots)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int f = 0; f < d; f++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, (nuint)(f * 32));
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)(f * 32 + 8));
            ref float x = ref Unsafe.Add(ref a, f * 6);
            var x0 = Vector256.Create(x);
            c00 = Vector256.FusedMultiplyAdd(x0, b0, c00); c01 = Vector256.FusedMultiplyAdd(x0, b1, c01);
            var x1 = Vector256.Create(Unsafe.Add(ref x, 1));
            c10 = Vector256.FusedMultiplyAdd(x1, b0, c10); c11 = Vector256.FusedMultiplyAdd(x1, b1, c11);
            var x2 = Vector256.Create(Unsafe.Add(ref x, 2));
            c20 = Vector256.FusedMultiplyAdd(x2, b0, c20); c21 = Vector256.FusedMultiplyAdd(x2, b1, c21);
            var x3 = Vector256.Create(Unsafe.Add(ref x, 3));
            c30 = Vector256.FusedMultiplyAdd(x3, b0, c30); c31 = Vector256.FusedMultiplyAdd(x3, b1, c31);
            var x4 = Vector256.Create(Unsafe.Add(ref x, 4));
            c40 = Vector256.FusedMultiplyAdd(x4, b0, c40); c41 = Vector256.FusedMultiplyAdd(x4, b1, c41);
            var x5 = Vector256.Create(Unsafe.Add(ref x, 5));
            c50 = Vector256.FusedMultiplyAdd(x5, b0, c50); c51 = Vector256.FusedMultiplyAdd(x5, b1, c51);
        }
        // Row r of the 6 × 32 output starts at r·32; this half fills 16 of its columns.
        ref float o = ref MemoryMarshal.GetReference(dots);
        c00.StoreUnsafe(ref o, 0); c01.StoreUnsafe(ref o, 8); c10.StoreUnsafe(ref o, 32); c11.StoreUnsafe(ref o, 40);
        c20.StoreUnsafe(ref o, 64); c21.StoreUnsafe(ref o, 72); c30.StoreUnsafe(ref o, 96); c31.StoreUnsafe(ref o, 104);
        c40.StoreUnsafe(ref o, 128); c41.StoreUnsafe(ref o, 136); c50.StoreUnsafe(ref o, 160); c51.StoreUnsafe(ref o, 168);
    }
}
