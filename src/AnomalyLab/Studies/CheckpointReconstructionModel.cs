using AnomalyLab.Data;
using AnomalyLab.Scoring;
using AnomalyLab.Training;

namespace AnomalyLab.Studies;

/// <summary>
/// A trained autoencoder as the study's <see cref="IReconstructionModel"/>: each clip's valid frames are reconstructed
/// with the checkpoint's normalisation and cut (windows or context vectors) and returned in the batch's own units
/// (dB when the batch is dB: the reconstruction is de-normalised). Frames beyond <see cref="LogMelBatch.ValidFrames"/>
/// repeat the last reconstructed frame (the study ignores them).
/// </summary>
public sealed class CheckpointReconstructionModel(ReconstructionScorer scorer) : IReconstructionModel
{
    /// <inheritdoc />
    /// <remarks>The model kind; for an imported PyTorch model also which file and which input normalisation were fed.</remarks>
    public string Name { get; } = scorer.Metadata.DataDescription is { } description && description.StartsWith(PyTorchCheckpoint.DescriptionPrefix, StringComparison.Ordinal)
        ? $"{scorer.Metadata.Kind.CliName()}: {description}"
        : scorer.Metadata.Kind.CliName();

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A batch with another number of mel bands than the checkpoint's features.</exception>
    public void Reconstruct(LogMelBatch batch, Memory<float> destination)
    {
        ReconstructionModelExtensions.RequireDestination(batch, destination.Length);
        Span<float> result = destination.Span;
        double mean = scorer.Metadata.Normalization.GlobalMean, std = scorer.Metadata.Normalization.GlobalStd;
        for (int c = 0; c < batch.Count; c++)
        {
            ReadOnlySpan<float> values = batch.Values.Span;
            var clip = new float[batch.NMels, batch.ValidFrames];
            int offset = c * batch.ClipSize;
            for (int m = 0; m < batch.NMels; m++)
                for (int t = 0; t < batch.ValidFrames; t++)
                    clip[m, t] = values[offset + m * batch.Frames + t];
            float[,] reconstruction = scorer.Reconstruct(clip).Reconstruction;
            for (int m = 0; m < batch.NMels; m++)
                for (int t = 0; t < batch.Frames; t++)
                    result[offset + m * batch.Frames + t] = (float)(reconstruction[m, Math.Min(t, batch.ValidFrames - 1)] * std + mean);
        }
    }
}
