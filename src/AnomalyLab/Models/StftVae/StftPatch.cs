using AnomalyLab.Features;

namespace AnomalyLab.Models.StftVae;

/// <summary>One normalised STFT patch.</summary>
/// <param name="Values">Shape <c>[Height, Frames]</c>, values in [0, 1]; columns at and after <paramref name="ValidFrames"/> are padding (0).</param>
/// <param name="ValidFrames">Columns computed from the signal (≤ Frames).</param>
/// <param name="SourceFrames">STFT frames of the whole input before cropping (≥ ValidFrames).</param>
public sealed record StftPatch(float[,] Values, int ValidFrames, int SourceFrames)
{
    /// <summary>Rows.</summary>
    public int Height => Values.GetLength(0);

    /// <summary>Columns including padding.</summary>
    public int Frames => Values.GetLength(1);

    /// <summary>
    /// Builds the patch of <paramref name="signal"/> (mono, at <see cref="StftPatchOptions.SampleRate"/>):
    /// |STFT| (periodic Hann, centred) → dB → bin rule → crop → per-clip min-max → zero pad. A constant clip (e.g. digital
    /// silence) has max = min after the dB step and becomes all zeros rather than 0/0.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer samples than <see cref="StftPatchOptions.MinimumSamples"/>.</exception>
    public static StftPatch Compute(ReadOnlySpan<float> signal, StftPatchOptions options)
    {
        options.Validate();
        if (signal.Length < options.MinimumSamples)
            throw new ArgumentException($"an STFT patch needs at least {options.MinimumSamples} samples (n_fft {options.NFft}); got {signal.Length}.", nameof(signal));
        double[,] power = Stft.PowerSpectrogram(signal, options.NFft, options.HopLength, options.NFft, 2.0, options.Center, options.PadMode);
        // 10·log10(max(|X|², amin²)) = 20·log10(max(|X|, amin)): the amplitude floor in power units.
        float[,] db = Decibels.FromPower(power, DecibelFloor.Clamp, options.AmplitudeFloor * options.AmplitudeFloor, 1.0, options.TopDb);
        return FromDecibels(db, options);
    }

    /// <summary>
    /// The bin rule, crop, min-max and pad steps on a dB spectrogram <c>[n_fft/2 + 1, frames]</c>.
    /// </summary>
    public static StftPatch FromDecibels(float[,] db, StftPatchOptions options)
    {
        int bins = db.GetLength(0), sourceFrames = db.GetLength(1);
        if (bins != options.Bins) throw new ArgumentException($"expected {options.Bins} bins for n_fft {options.NFft}, found {bins}.", nameof(db));
        int keptBins = options.BinRule == FrequencyBinRule.DropNyquist ? bins - 1 : bins;
        int valid = Math.Min(sourceFrames, options.Frames);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int f = 0; f < keptBins; f++)
        {
            for (int t = 0; t < valid; t++)
            {
                float v = db[f, t];
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        var values = new float[options.Height, options.Frames];
        double range = (double)max - min;
        if (range > 0 && double.IsFinite(range))
        {
            for (int f = 0; f < keptBins; f++)
                for (int t = 0; t < valid; t++)
                    values[f, t] = (float)((db[f, t] - (double)min) / range);
        }
        return new StftPatch(values, valid, sourceFrames);
    }

    /// <summary>Frames of a centred STFT of <paramref name="samples"/> samples (1 + samples / hop).</summary>
    public static int FramesFor(int samples, StftPatchOptions options) => Stft.FrameCount(samples, options.NFft, options.HopLength, options.Center);
}
