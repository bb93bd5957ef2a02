using AnomalyLab.Data;
namespace AnomalyLab.Studies;

/// <summary>
/// Anything that reconstructs log-mel clips (PCA now, the Stage-1 VQ-VAE later). The study only needs this: it compares
/// |input − reconstruction| on normal and anomalous clips. Tensor-free on purpose so any model can adapt to it.
/// </summary>
public interface IReconstructionModel
{
    /// <summary>Short name shown in reports, e.g. <c>pca-8</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Reconstructs every clip of <paramref name="batch"/> into <paramref name="destination"/>, a flat span of the batch's
    /// shape <c>[Count, NMels, Frames]</c>; values beyond <see cref="LogMelBatch.ValidFrames"/> are not read by the study.
    /// Writing into the caller's buffer lets the study reuse one buffer for every chunk of clips.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not the batch's size.</exception>
    void Reconstruct(LogMelBatch batch, Memory<float> destination);
}
