namespace AnomalyLab.Features;

/// <summary>
/// MFCC settings (computed by NWaves' <c>MfccExtractor</c>, see docs/packages.md): Hann-windowed frames, power spectrum,
/// triangular HTK mel filterbank, log10, orthonormal DCT-II (librosa's <c>dct_type=2, norm='ortho'</c> convention).
/// </summary>
public sealed record MfccFeatureOptions
{
    /// <summary>Sample rate the audio is resampled to, Hz. Default 16000.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Frame length, samples (also the FFT size). Default 1024 (64 ms at 16 kHz), as the log-mel presets.</summary>
    public int FrameLength { get; init; } = 1024;

    /// <summary>Hop between frames, samples. Default 512 (32 ms at 16 kHz).</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Mel filters. Default 40.</summary>
    public int MelBands { get; init; } = 40;

    /// <summary>Cepstral coefficients kept (c0 … c_{n−1}). Default 20 (librosa's default).</summary>
    public int Coefficients { get; init; } = 20;

    /// <summary>Lowest filter edge, Hz. Default 0.</summary>
    public double FMin { get; init; }

    /// <summary>Highest filter edge, Hz; null = sample rate / 2.</summary>
    public double? FMax { get; init; }

    /// <summary>The defaults: 20 MFCCs from 40 mel bands, 1024 / 512 at 16 kHz.</summary>
    public static MfccFeatureOptions Default { get; } = new();

    /// <summary>The effective upper edge, Hz.</summary>
    public double EffectiveFMax => FMax ?? SampleRate / 2.0;

    /// <summary>Checks the settings; returns this.</summary>
    /// <exception cref="ArgumentException">A non-positive size, more coefficients than bands, or an empty band range.</exception>
    public MfccFeatureOptions Validate()
    {
        if (SampleRate <= 0 || FrameLength <= 1 || HopLength <= 0 || MelBands <= 0 || Coefficients <= 0)
            throw new ArgumentException($"MFCC options need positive sizes (sample rate {SampleRate}, frame {FrameLength}, hop {HopLength}, bands {MelBands}, coefficients {Coefficients}).");
        if (Coefficients > MelBands) throw new ArgumentException($"MFCC options: {Coefficients} coefficients exceed the {MelBands} mel bands.");
        if (FMin < 0 || EffectiveFMax <= FMin || EffectiveFMax > SampleRate / 2.0)
            throw new ArgumentException($"MFCC options: band range {FMin}–{EffectiveFMax} Hz must lie in 0–{SampleRate / 2.0} Hz.");
        return this;
    }
}
