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

    /// <summary>
    /// The study's reconstruction model for each machine type from one <c>--model</c> file (see <see cref="StudyRunner.Run"/>).
    /// The file is loaded once, now, and shared by every type — except with <see cref="InputNormalizationKind.FitOnTraining"/>
    /// (a PyTorch file's <c>fit</c>), where each call loads it again with the mean/std fitted on that type's train clips
    /// (<see cref="ModelLoader.Load"/>).
    /// </summary>
    /// <param name="modelPath">A workbench checkpoint, or a PyTorch Stage-1 <c>.pt</c>/safetensors file.</param>
    /// <param name="normalization">Input normalisation for a PyTorch file (required there); ignored for a workbench checkpoint.</param>
    /// <param name="dataRoot">Dataset root whose train clips <c>fit</c> reads; null = the synthetic default dataset (generated on first use).</param>
    /// <returns>Machine type → model (never null).</returns>
    /// <exception cref="InvalidDataException">The shared model's file is unreadable, or a PyTorch file without <paramref name="normalization"/>
    /// (with <c>fit</c>, raised by the returned function instead).</exception>
    public static Func<string, IReconstructionModel?> ForStudy(string modelPath, InputNormalization? normalization, string? dataRoot)
    {
        // A PyTorch file needs an explicit normalisation; 'fit' is fitted per machine type on its train clips.
        IReconstructionModel? shared = normalization?.Kind == InputNormalizationKind.FitOnTraining
            ? null
            : new CheckpointReconstructionModel(new ReconstructionScorer(ModelLoader.Load(modelPath, normalization)));
        return type => shared ?? new CheckpointReconstructionModel(new ReconstructionScorer(
            ModelLoader.Load(modelPath, normalization, dataRoot ?? SyntheticDataset.EnsureDefault(), type)));
    }

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
