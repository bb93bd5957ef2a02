using System.Text.Json;
using AnomalyLab.Features;
using AnomalyLab.Models.ConvVae;
using AnomalyLab.Models.DenseAutoencoder;
using AnomalyLab.Models.VqVae2;

namespace AnomalyLab.Training;

/// <summary>
/// How clips become inputs of one model: which log-mel preset, and how the spectrogram is cut (context vectors of
/// <see cref="ContextFrames"/> frames, or windows of <see cref="WindowWidth"/> frames).
/// </summary>
/// <param name="Kind">The model.</param>
/// <param name="NMels">Mel bands the model expects.</param>
/// <param name="ContextFrames">Frames per context vector (dense AE), else 0.</param>
/// <param name="WindowWidth">Frames per window (convolutional models), else 0.</param>
public sealed record ModelInputs(ModelKind Kind, int NMels, int ContextFrames, int WindowWidth)
{
    /// <summary>The input layout of <paramref name="kind"/> with <paramref name="options"/> (null = defaults).</summary>
    public static ModelInputs For(ModelKind kind, JsonElement? options)
    {
        switch (kind)
        {
            case ModelKind.DenseAutoencoder:
                var dense = Parse(options, DenseAutoencoderOptions.Dcase2020Baseline);
                return new ModelInputs(kind, dense.NMels, dense.ContextFrames, 0);
            case ModelKind.VqVae2:
                var vq = Parse(options, VqVae2Options.Default);
                return new ModelInputs(kind, vq.InputHeight, 0, vq.InputWidth);
            default:
                var vae = Parse(options, ConvVaeOptions.Default);
                return new ModelInputs(kind, vae.InputHeight, 0, vae.InputWidth);
        }
    }

    private static T Parse<T>(JsonElement? json, T fallback) => json is { } j ? j.Deserialize<T>(CheckpointJson.Options) ?? fallback : fallback;

    /// <summary>The log-mel preset each model was designed with: DCASE 2020 baseline for the dense AE, torchaudio (the seed's) otherwise.</summary>
    public static LogMelOptions DefaultFeatures(ModelKind kind) =>
        kind == ModelKind.DenseAutoencoder ? LogMelOptions.Dcase2020Baseline : LogMelOptions.Torchaudio;

    /// <summary>Shape of one sample.</summary>
    public int[] SampleShape => Kind == ModelKind.DenseAutoencoder ? [ContextFrames * NMels] : [1, NMels, WindowWidth];

    /// <summary>Cuts one normalised log-mel <c>[n_mels, frames]</c> into samples (row-major, <see cref="SampleShape"/> each).</summary>
    /// <exception cref="ArgumentException">Another number of mel bands than the model expects.</exception>
    public float[] Cut(float[,] logMel, out int count)
    {
        if (logMel.GetLength(0) != NMels)
            throw new ArgumentException($"The model takes {NMels} mel bands; the spectrogram has {logMel.GetLength(0)}.", nameof(logMel));
        if (Kind == ModelKind.DenseAutoencoder) return SpectrogramSamples.ContextVectors(logMel, ContextFrames, out count);
        float[] windows = SpectrogramSamples.Windows(logMel, WindowWidth, out int[] starts);
        count = starts.Length;
        return windows;
    }
}
