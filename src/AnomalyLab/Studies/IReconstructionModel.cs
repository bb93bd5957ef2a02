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
    /// Reconstructs every clip of <paramref name="batch"/>. Returns a new flat array of the same shape
    /// <c>[Count, NMels, Frames]</c>; values beyond <see cref="LogMelBatch.ValidFrames"/> are not read by the study.
    /// </summary>
    float[] Reconstruct(LogMelBatch batch);
}
