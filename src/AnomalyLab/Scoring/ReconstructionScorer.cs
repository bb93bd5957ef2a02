using AnomalyLab.Features;
using AnomalyLab.Runtime;
using AnomalyLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Scoring;

/// <summary>
/// Scores clips by reconstruction error with a trained checkpoint: log-mel with the checkpoint's feature options,
/// the checkpoint's normalisation, the model's cut (context vectors or windows), eval-mode reconstruction.
/// Tensors stay inside; results are arrays.
/// </summary>
public sealed class ReconstructionScorer
{
    private readonly TrainableModel model;
    private readonly ModelInputs inputs;
    private readonly LogMelExtractor extractor;
    private readonly Device device;

    /// <summary>Uses <paramref name="checkpoint"/>'s model (not owned) on <paramref name="deviceName"/> (auto = CUDA when available).</summary>
    /// <exception cref="InvalidDataException">An STFT-VAE watch model: its inputs are STFT patches, not log-mels.</exception>
    public ReconstructionScorer(LoadedCheckpoint checkpoint, string deviceName = "auto")
    {
        if (checkpoint.Metadata.ModelSettings is not null)
            throw new InvalidDataException($"{checkpoint.Path}: an STFT-VAE watch model (made by anomalylab watch-train, inputs are STFT patches); " +
                "it scores recordings with anomalylab watch / StftVaeScorer, not log-mel clips.");
        model = checkpoint.Model;
        Metadata = checkpoint.Metadata;
        inputs = ModelInputs.For(Metadata.Kind, Metadata.ModelOptions);
        extractor = new LogMelExtractor(Metadata.Features);
        device = TorchDevice.Parse(deviceName);
        model.MoveTo(device);
        model.Network.eval();
    }

    /// <summary>The checkpoint's settings.</summary>
    public CheckpointMetadata Metadata { get; }

    /// <summary>Samples per forward pass. Default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Anomaly score of the WAV file at <paramref name="path"/>.</summary>
    public double ScoreFile(string path) => Reconstruct(extractor.ExtractFile(path)).Score;

    /// <summary>Reconstruction, residual map and score of a raw (dB) log-mel <c>[n_mels, frames]</c>.</summary>
    public ClipReconstruction ReconstructFile(string path) => Reconstruct(extractor.ExtractFile(path));

    /// <summary>Reconstruction, residual map and score of a raw (dB) log-mel <c>[n_mels, frames]</c> computed with <see cref="CheckpointMetadata.Features"/>.</summary>
    public ClipReconstruction Reconstruct(float[,] logMel)
    {
        float[,] normalized = Metadata.Normalization.Transform(logMel);
        float[] samples = inputs.Cut(normalized, out int count);
        if (count == 0)
            throw new ArgumentException($"The clip has {logMel.GetLength(1)} frames; the model needs at least {Math.Max(inputs.ContextFrames, 1)}.", nameof(logMel));
        float[] outputs = Forward(samples, count);
        return inputs.Kind == ModelKind.DenseAutoencoder
            ? FromContextVectors(normalized, samples, outputs, count)
            : FromWindows(normalized, outputs);
    }

    private float[] Forward(float[] samples, int count)
    {
        int length = samples.Length / count;
        var result = new float[samples.Length];
        long[] sampleShape = inputs.SampleShape.Select(d => (long)d).ToArray();
        using FinalizerPause pause = FinalizerPause.Begin();
        for (int start = 0; start < count; start += BatchSize)
        {
            FinalizerPause.Heartbeat();
            using var scope = NewDisposeScope();
            int size = Math.Min(BatchSize, count - start);
            Tensor x = tensor(samples.AsSpan(start * length, size * length).ToArray(), [size, .. sampleShape]).to(device);
            model.Reconstruct(x).cpu().data<float>().CopyTo(result.AsSpan(start * length, size * length));
        }
        return result;
    }

    private ClipReconstruction FromContextVectors(float[,] normalized, float[] samples, float[] outputs, int count)
    {
        int mels = inputs.NMels, frames = normalized.GetLength(1), context = inputs.ContextFrames, length = mels * context;
        var reconstruction = new double[mels, frames];
        var residual = new double[mels, frames];
        var cover = new int[frames];
        double total = 0;
        for (int v = 0; v < count; v++)
        {
            double vectorError = 0;
            for (int c = 0; c < context; c++)
            {
                int t = v + c;
                for (int m = 0; m < mels; m++)
                {
                    int i = v * length + c * mels + m;
                    double e = samples[i] - outputs[i];
                    vectorError += e * e;
                    reconstruction[m, t] += outputs[i];
                    residual[m, t] += e * e;
                }
                cover[t]++;
            }
            total += vectorError / length;
        }
        return new ClipReconstruction(normalized, Average(reconstruction, cover), Average(residual, cover), total / count);
    }

    private ClipReconstruction FromWindows(float[,] normalized, float[] outputs)
    {
        int mels = inputs.NMels, frames = normalized.GetLength(1), width = inputs.WindowWidth;
        int[] starts = SpectrogramSamples.WindowStarts(frames, width);
        var reconstruction = new double[mels, frames];
        var cover = new int[frames];
        for (int w = 0; w < starts.Length; w++)
            for (int t = 0; t < width && starts[w] + t < frames; t++)
            {
                for (int m = 0; m < mels; m++) reconstruction[m, starts[w] + t] += outputs[(w * mels + m) * width + t];
                cover[starts[w] + t]++;
            }
        float[,] averaged = Average(reconstruction, cover);
        var residual = new float[mels, frames];
        double total = 0;
        for (int m = 0; m < mels; m++)
            for (int t = 0; t < frames; t++)
            {
                double e = normalized[m, t] - averaged[m, t];
                residual[m, t] = (float)(e * e);
                total += e * e;
            }
        return new ClipReconstruction(normalized, averaged, residual, total / (mels * (double)frames));
    }

    private static float[,] Average(double[,] sums, int[] cover)
    {
        int mels = sums.GetLength(0), frames = sums.GetLength(1);
        var result = new float[mels, frames];
        for (int m = 0; m < mels; m++)
            for (int t = 0; t < frames; t++)
                result[m, t] = cover[t] > 0 ? (float)(sums[m, t] / cover[t]) : 0f;
        return result;
    }
}
