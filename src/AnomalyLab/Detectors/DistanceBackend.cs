namespace AnomalyLab.Detectors;

/// <summary>
/// How <see cref="NearestNeighbors"/> computes the float32 distance blocks it selects candidates from. Every backend
/// returns the same, exact result (the float64 refinement is certified by an error bound, see <see cref="NearestNeighbors"/>);
/// only speed differs.
/// </summary>
public enum DistanceBackend
{
    /// <summary>
    /// <see cref="Managed"/>: measured on the 2-core AMD EPYC (AVX-512) reference machine, 20,000 × 640 self-queries,
    /// k = 5: managed float32 kernel 2.9 s vs TorchSharp float32 <c>mm</c> 4.4 s vs the previous float64 managed kernel 28 s
    /// (see the closing note of issue 8 for loads and repeats); it also needs no native start-up.
    /// </summary>
    Auto,

    /// <summary>
    /// Managed float32 kernel: packed 32-row reference panels, 8 × 32 register tiles of <c>Vector512</c> FMAs
    /// (2 × 32 tiles of <c>Vector256</c> without AVX-512), parallel over blocks of queries.
    /// </summary>
    Managed,

    /// <summary>TorchSharp float32 <c>mm</c> (libtorch's sgemm) per block of queries.</summary>
    Torch,
}
