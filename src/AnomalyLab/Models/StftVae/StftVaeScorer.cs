using AnomalyLab.Runtime;
using AnomalyLab.Audio;
using AnomalyLab.Training;
using static TorchSharp.torch;

namespace AnomalyLab.Models.StftVae;

/// <summary>
/// Scores audio segments with a trained STFT-VAE threshold model: segment → <see cref="StftPatch"/> → conv VAE
/// reconstruction (eval mode, z = μ, batch of one) → mean squared error over the patch's real frames (all rows,
/// columns &lt; ValidFrames; the zero padding is not scored). Higher = more anomalous; anomalous when score &gt; threshold.
/// Deterministic: the same weights give bit-identical scores in any process.
/// </summary>
public sealed class StftVaeScorer : IDisposable
{
    private readonly TrainableModel _model;
    private readonly bool _ownsModel;

    /// <summary>Wraps a trained conv VAE (not owned) with its settings.</summary>
    /// <exception cref="ArgumentException">The model does not take <c>[1, Height, Frames]</c> patches of the settings.</exception>
    public StftVaeScorer(TrainableModel model, StftVaeSettings settings) : this(model, settings, ownsModel: false)
    {
    }

    private StftVaeScorer(TrainableModel model, StftVaeSettings settings, bool ownsModel)
    {
        int[] expected = [1, settings.Patch.Height, settings.Patch.Frames];
        if (!model.SampleShape.SequenceEqual(expected))
            throw new ArgumentException($"the model takes [{string.Join(", ", model.SampleShape)}] but the patch preset gives [{string.Join(", ", expected)}].", nameof(model));
        _model = model;
        _ownsModel = ownsModel;
        Settings = settings;
    }

    /// <summary>Patch preset, segmenting and threshold.</summary>
    public StftVaeSettings Settings { get; }

    /// <summary>The model's sample rate, Hz.</summary>
    public int SampleRate => Settings.Patch.SampleRate;

    /// <summary>The decision threshold.</summary>
    public double Threshold => Settings.Threshold.Value;

    /// <summary>Loads an STFT-VAE threshold model written by <see cref="StftVaeTrainingRun"/> (CPU, eval mode).</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, or a checkpoint without STFT-VAE settings (e.g. one from <c>anomalylab train</c>).</exception>
    public static StftVaeScorer Load(string path)
    {
        LoadedCheckpoint checkpoint = ModelCheckpoint.Load(path);
        try
        {
            if (checkpoint.Metadata.ModelSettings is null || checkpoint.Metadata.Kind != ModelKind.ConvVae)
                throw new InvalidDataException($"{path}: not an STFT-VAE threshold model (a {checkpoint.Metadata.Kind.CliName()} checkpoint without STFT patch settings); train one with 'anomalylab watch-train'.");
            return new StftVaeScorer(checkpoint.Model, StftVaeSettings.Read(checkpoint.Metadata, path), ownsModel: true);
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Score of one mono segment at <paramref name="sampleRate"/>; resampled to the model's rate when
    /// <paramref name="allowResample"/>, else a different rate is an error.
    /// </summary>
    /// <exception cref="ArgumentException">Rate mismatch without resampling, or fewer samples than one STFT frame needs.</exception>
    public double Score(ReadOnlySpan<float> samples, int sampleRate, bool allowResample = false)
    {
        if (sampleRate != SampleRate)
        {
            if (!allowResample)
                throw new ArgumentException($"the input is {sampleRate} Hz but the model was trained at {SampleRate} Hz; resample the input (--resample) or train at this rate.");
            float[] resampled = Resampler.Resample(samples, sampleRate, SampleRate);
            return ScorePatch(_model, StftPatch.Compute(resampled, Settings.Patch));
        }
        return ScorePatch(_model, StftPatch.Compute(samples, Settings.Patch));
    }

    /// <summary>Score of a patch computed with this model's <see cref="StftVaeSettings.Patch"/> preset.</summary>
    public double Score(StftPatch patch) => ScorePatch(_model, patch);

    /// <summary>True when <paramref name="score"/> is above the threshold.</summary>
    public bool IsAnomalous(double score) => score > Threshold;

    /// <summary>Mean squared reconstruction error of <paramref name="patch"/>'s real frames under <paramref name="model"/> (batch of one).</summary>
    public static double ScorePatch(TrainableModel model, StftPatch patch)
    {
        using FinalizerPause pause = FinalizerPause.Begin();
        using var scope = NewDisposeScope();
        int height = patch.Height, width = patch.Frames;
        var flat = new float[height * width];
        Buffer.BlockCopy(patch.Values, 0, flat, 0, flat.Length * sizeof(float));
        Tensor input = tensor(flat, [1L, 1, height, width]).to(model.Device);
        float[] reconstruction = model.Reconstruct(input).cpu().data<float>().ToArray();
        double sum = 0;
        int valid = patch.ValidFrames;
        for (int f = 0; f < height; f++)
        {
            int row = f * width;
            for (int t = 0; t < valid; t++)
            {
                double d = reconstruction[row + t] - flat[row + t];
                sum += d * d;
            }
        }
        return sum / ((double)height * valid);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel) _model.Dispose();
    }
}
