using System.Text.Json.Serialization;

namespace AnomalyLab.Features;

/// <summary>
/// Everything that determines a log-mel spectrogram. Immutable; use <c>with</c> to derive variants.
/// Output shape of the pipeline is <c>[NMels, frames]</c> with frames = 1 + samples / HopLength when centred.
/// </summary>
public sealed record LogMelOptions
{
    /// <summary>
    /// Expected sample rate of the input, Hz. Default 16000 (DCASE, MIMII). A file at another rate is an error
    /// (<see cref="AnomalyLab.Audio.SampleRateMismatchException"/>) unless the caller opts in to resampling with
    /// <c>LogMelExtractor.ExtractFile(path, channel, allowResample: true)</c> or <c>AudioLoader.LoadMono(..., allowResample: true)</c>.
    /// </summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>FFT size, samples. Default 1024 (64 ms at 16 kHz).</summary>
    public int NFft { get; init; } = 1024;

    /// <summary>Hop between frames, samples. Default 512 (32 ms at 16 kHz).</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Window length, samples; null means <see cref="NFft"/>. A shorter window is zero-padded to NFft, centred (as torch.stft).</summary>
    public int? WinLength { get; init; }

    /// <summary>Number of mel bands. Default 128.</summary>
    public int NMels { get; init; } = 128;

    /// <summary>Lowest filter edge, Hz. Default 0.</summary>
    public double FMin { get; init; }

    /// <summary>Highest filter edge, Hz; null means SampleRate / 2.</summary>
    public double? FMax { get; init; }

    /// <summary>Exponent of the magnitude: 2 = power (default), 1 = magnitude.</summary>
    public double Power { get; init; } = 2.0;

    /// <summary>Pad by NFft/2 on both sides so frame t is centred at t·HopLength. Default true.</summary>
    public bool Center { get; init; } = true;

    /// <summary>Padding used when <see cref="Center"/> is set. Default reflect.</summary>
    public PadMode PadMode { get; init; } = PadMode.Reflect;

    /// <summary>Mel scale formula. Default HTK (torchaudio).</summary>
    public MelScale MelScale { get; init; } = MelScale.Htk;

    /// <summary>Filter normalisation. Default none (torchaudio).</summary>
    public MelNorm MelNorm { get; init; } = MelNorm.None;

    /// <summary>How the floor <see cref="Amin"/> is applied. Default clamp (torchaudio).</summary>
    public DecibelFloor DecibelFloor { get; init; } = DecibelFloor.Clamp;

    /// <summary>Power floor before the log (power units). Default 1e-10 (torchaudio AmplitudeToDB).</summary>
    public double Amin { get; init; } = 1e-10;

    /// <summary>Reference power: 10·log10(max(Amin, Reference)) is subtracted. Default 1.0.</summary>
    public double Reference { get; init; } = 1.0;

    /// <summary>Per-clip dynamic range clamp in dB below the clip's maximum; null = none. Default 80.</summary>
    public double? TopDb { get; init; } = 80.0;

    /// <summary>
    /// The seed studies' pipeline: torchaudio <c>MelSpectrogram(16000, n_fft=1024, hop_length=512, n_mels=128, f_max=8000)</c>
    /// + <c>AmplitudeToDB(top_db=80)</c>: HTK scale, no filter norm, reflect padding, periodic Hann, power 2.
    /// </summary>
    public static LogMelOptions Torchaudio { get; } = new()
    {
        FMax = 8000,
    };

    /// <summary>
    /// The DCASE 2020 Task 2 baseline (librosa 0.6 defaults): Slaney scale and area norm, f_max = sr/2, reflect padding,
    /// <c>10·log10(x + 2.22e-16)</c>, no top_db.
    /// </summary>
    public static LogMelOptions Dcase2020Baseline { get; } = new()
    {
        MelScale = MelScale.Slaney,
        MelNorm = MelNorm.Slaney,
        DecibelFloor = DecibelFloor.AddEpsilon,
        Amin = 2.220446049250313e-16,
        TopDb = null,
    };

    /// <summary>Effective window length, samples.</summary>
    [JsonIgnore]
    public int EffectiveWinLength => WinLength ?? NFft;

    /// <summary>Effective upper filter edge, Hz.</summary>
    [JsonIgnore]
    public double EffectiveFMax => FMax ?? SampleRate / 2.0;

    /// <summary>Frequency bins of the one-sided STFT: NFft/2 + 1.</summary>
    [JsonIgnore]
    public int FrequencyBins => NFft / 2 + 1;

    /// <summary>
    /// Fewest samples a signal needs for one frame: NFft/2 + 1 when centred with reflect padding (the pad mirrors inside the
    /// signal), 1 when centred with constant padding, NFft otherwise.
    /// </summary>
    [JsonIgnore]
    public int MinimumSamples => Center ? (PadMode == PadMode.Reflect ? NFft / 2 + 1 : 1) : NFft;

    /// <summary>Frames produced for a signal of <paramref name="samples"/> samples.</summary>
    public int FrameCount(int samples) => Center ? 1 + samples / HopLength : samples < NFft ? 0 : 1 + (samples - NFft) / HopLength;

    /// <summary>Looks up a preset by its CLI name: <c>torchaudio</c> or <c>dcase2020-baseline</c>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static LogMelOptions FromPresetName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "torchaudio" => Torchaudio,
        "dcase2020-baseline" or "dcase2020baseline" or "dcase2020" => Dcase2020Baseline,
        _ => throw new ArgumentException($"Unknown feature preset '{name}': expected torchaudio or dcase2020-baseline.", nameof(name)),
    };

    /// <summary>Checks every field and throws one message naming all problems.</summary>
    /// <exception cref="ArgumentException">An inconsistent setting.</exception>
    public LogMelOptions Validate()
    {
        var problems = new List<string>();
        if (SampleRate <= 0) problems.Add($"SampleRate must be positive (got {SampleRate})");
        if (NFft < 2) problems.Add($"NFft must be at least 2 (got {NFft})");
        if (HopLength <= 0) problems.Add($"HopLength must be positive (got {HopLength})");
        if (EffectiveWinLength <= 0 || EffectiveWinLength > NFft) problems.Add($"WinLength must be in 1..NFft (got {EffectiveWinLength}, NFft {NFft})");
        if (NMels <= 0) problems.Add($"NMels must be positive (got {NMels})");
        if (FMin < 0 || FMin >= EffectiveFMax) problems.Add($"need 0 <= FMin < FMax (got {FMin}, {EffectiveFMax})");
        if (EffectiveFMax > SampleRate / 2.0 + 1e-9) problems.Add($"FMax {EffectiveFMax} Hz is above Nyquist ({SampleRate / 2.0} Hz)");
        if (Power <= 0) problems.Add($"Power must be positive (got {Power})");
        if (Amin <= 0) problems.Add($"Amin must be positive (got {Amin})");
        if (TopDb is < 0) problems.Add($"TopDb must be non-negative (got {TopDb})");
        if (problems.Count > 0) throw new ArgumentException("Invalid log-mel options: " + string.Join("; ", problems) + ".");
        return this;
    }
}
