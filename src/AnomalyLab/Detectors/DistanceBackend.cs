namespace AnomalyLab.Detectors;

/// <summary>
/// How <see cref="NearestNeighbors"/> computes the float32 distance blocks it selects candidates from. Every backend
/// returns the same, exact result (the float64 refinement is certified by an error bound, see <see cref="NearestNeighbors"/>);
/// only speed differs.
/// </summary>
public enum DistanceBackend
{
    /// <summary>
    /// <see cref="Managed"/>. Measured on the shared 2-core AMD EPYC (Zen 5, AVX-512) machine, exact k-NN of 20,000 × 640
    /// self-queries, k = 5 and 20, CPU seconds (wall times were inflated by load averages of 13–31 from other jobs):
    /// managed float32 kernel 4.2–5.0 s (7.2 s with the <c>Vector256</c> tile), TorchSharp float32 <c>mm</c> 22–25 s,
    /// the previous float64 managed 2 × 4 kernel 20.6–22.3 s — all with identical results. The managed kernel also
    /// needs no native start-up.
    /// </summary>
    Auto,

    /// <summary>
    /// Managed float32 kernel: packed 32-row reference panels, 8 × 32 register tiles of <c>Vector512</c> FMAs
    /// (6 × 32 tiles as two 6 × 16 halves of <c>Vector256</c> without AVX-512), parallel over blocks of queries.
    /// </summary>
    Managed,

    /// <summary>TorchSharp float32 <c>mm</c> (libtorch's sgemm) per block of queries.</summary>
    Torch,
}
