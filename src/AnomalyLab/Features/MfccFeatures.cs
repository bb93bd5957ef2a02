using AnomalyLab.Audio;
using NWaves.FeatureExtractors;
using NWaves.FeatureExtractors.Options;
using NWaves.Windows;

namespace AnomalyLab.Features;

/// <summary>
/// Mel-frequency cepstral coefficients, an extra feature set for the classic detectors (<c>anomalylab detect --features mfcc</c>).
/// Adopted from NWaves 0.9.6 rather than written here: the package has it, and the measurement in docs/packages.md showed
/// its filterbank as exact as ours. Pure function of the samples and the options.
/// </summary>
public static class MfccFeatures
{
    /// <summary>MFCCs of mono <paramref name="samples"/> at <see cref="MfccFeatureOptions.SampleRate"/>: <c>[coefficients, frames]</c>.</summary>
    /// <exception cref="ArgumentException">Invalid options, or fewer samples than one frame.</exception>
    public static float[,] Extract(ReadOnlySpan<float> samples, MfccFeatureOptions options)
    {
        options.Validate();
        if (samples.Length < options.FrameLength)
            throw new ArgumentException($"MFCC needs at least one frame of {options.FrameLength} samples; got {samples.Length}.", nameof(samples));
        var extractor = new MfccExtractor(new MfccOptions
        {
            SamplingRate = options.SampleRate,
            FeatureCount = options.Coefficients,
            FrameSize = options.FrameLength,
            HopSize = options.HopLength,
            FftSize = options.FrameLength,
            FilterBankSize = options.MelBands,
            LowFrequency = options.FMin,
            HighFrequency = options.EffectiveFMax,
            Window = WindowType.Hann,
            PreEmphasis = 0,
            DctType = "2N",
        });
        List<float[]> frames = extractor.ComputeFrom(samples.ToArray());
        var result = new float[options.Coefficients, frames.Count];
        for (int t = 0; t < frames.Count; t++)
            for (int c = 0; c < options.Coefficients; c++) result[c, t] = frames[t][c];
        return result;
    }

    /// <summary>
    /// MFCCs of channel 0 of a WAV file: <c>[coefficients, frames]</c>. A file at another rate fails (as log-mel extraction does)
    /// unless <paramref name="allowResample"/>.
    /// </summary>
    public static float[,] ExtractFile(string path, MfccFeatureOptions options, bool allowResample = false) =>
        Extract(AudioLoader.LoadMono(path, ChannelSelection.ChannelAt(0), options.SampleRate, allowResample), options);
}
