using System.Text.Json.Serialization;
using AnomalyLab.Features;

namespace AnomalyLab.Models.StftVae;

/// <summary>
/// The STFT-VAE feature preset (the seed's third notebook): |STFT| → dB → per-clip min-max to [0, 1] → a fixed number
/// of frames. Output <c>[Height, Frames]</c> float32 in [0, 1] (see <see cref="StftPatch"/>). Immutable.
/// </summary>
/// <remarks>
/// dB: 20·log10(max(|X|, <see cref="AmplitudeFloor"/>)), then clamped to at least (max − <see cref="TopDb"/>) over the
/// clip (librosa.amplitude_to_db with its defaults amin 1e-5, top_db 80). The dB reference does not matter: the
/// min-max step removes any constant offset.
/// Fixed frames (pad/crop rule): a clip with more than <see cref="Frames"/> STFT frames keeps the first
/// <see cref="Frames"/> (crop at the end); a clip with fewer is padded at the end with zeros (the normalised minimum,
/// i.e. "silence") after normalisation. The min and max are taken over the real frames only, so padding never changes
/// the values of real frames; <see cref="StftPatch.ValidFrames"/> says how many columns are real.
/// </remarks>
public sealed record StftPatchOptions
{
    /// <summary>Sample rate the patches are computed at, Hz. Default 16000 (the files' rate when training at the file rate).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>FFT size, samples (power of two). Default 1024.</summary>
    public int NFft { get; init; } = 1024;

    /// <summary>Hop between frames, samples. Default 512.</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Centre frames (pad n_fft/2 each side, reflect) as librosa/torch.stft do. Default true.</summary>
    public bool Center { get; init; } = true;

    /// <summary>Padding when centred. Default reflect.</summary>
    public PadMode PadMode { get; init; } = PadMode.Reflect;

    /// <summary>Magnitude floor before the log (linear amplitude). Default 1e-5 (librosa.amplitude_to_db).</summary>
    public double AmplitudeFloor { get; init; } = 1e-5;

    /// <summary>Dynamic range kept below the clip's maximum, dB; null = unlimited. Default 80 (librosa).</summary>
    public double? TopDb { get; init; } = 80.0;

    /// <summary>Frames per patch (pad/crop rule above). Default 128.</summary>
    public int Frames { get; init; } = 128;

    /// <summary>How the n_fft/2 + 1 bins are made divisible by the VAE's stride. Default drop the Nyquist bin (513 → 512).</summary>
    public FrequencyBinRule BinRule { get; init; } = FrequencyBinRule.DropNyquist;

    /// <summary>With <see cref="FrequencyBinRule.ZeroPad"/>: height is rounded up to a multiple of this. Default 16 (four stride-2 stages).</summary>
    public int BinMultiple { get; init; } = 16;

    /// <summary>The seed's settings (n_fft 1024, hop 512, 128 frames, Nyquist bin dropped) at 16 kHz.</summary>
    public static StftPatchOptions Default { get; } = new();

    /// <summary>The seed's settings at its 44.1 kHz recording rate.</summary>
    public static StftPatchOptions Seed44k { get; } = new() { SampleRate = 44100 };

    /// <summary>One-sided STFT bins, n_fft/2 + 1.</summary>
    [JsonIgnore]
    public int Bins => NFft / 2 + 1;

    /// <summary>Rows of a patch after the <see cref="BinRule"/>: 512 for n_fft 1024 with the default rule.</summary>
    [JsonIgnore]
    public int Height => BinRule == FrequencyBinRule.DropNyquist ? Bins - 1 : (Bins + BinMultiple - 1) / BinMultiple * BinMultiple;

    /// <summary>Shortest input the centred reflect-padded STFT accepts: n_fft/2 + 1 samples.</summary>
    [JsonIgnore]
    public int MinimumSamples => Center && PadMode == PadMode.Reflect ? NFft / 2 + 1 : NFft;

    /// <summary>Checks every field and throws one message naming all problems.</summary>
    /// <exception cref="ArgumentException">An inconsistent setting.</exception>
    public StftPatchOptions Validate()
    {
        var problems = new List<string>();
        if (SampleRate <= 0) problems.Add($"SampleRate must be positive (got {SampleRate})");
        if (NFft < 4 || (NFft & (NFft - 1)) != 0) problems.Add($"NFft must be a power of two >= 4 (got {NFft})");
        if (HopLength <= 0) problems.Add($"HopLength must be positive (got {HopLength})");
        if (!(AmplitudeFloor > 0)) problems.Add($"AmplitudeFloor must be positive (got {AmplitudeFloor})");
        if (TopDb is { } top && !(top > 0)) problems.Add($"TopDb must be positive when given (got {top})");
        if (Frames <= 0) problems.Add($"Frames must be positive (got {Frames})");
        if (BinMultiple <= 0) problems.Add($"BinMultiple must be positive (got {BinMultiple})");
        if (problems.Count > 0) throw new ArgumentException("Invalid STFT patch options: " + string.Join("; ", problems) + ".");
        return this;
    }
}
