using AnomalyLab.Audio;

namespace AnomalyLab.Streaming;

/// <summary>Layout of a raw PCM stream: rate, interleaved channels and sample encoding. Immutable.</summary>
/// <param name="SampleRate">Frames per second, Hz.</param>
/// <param name="Channels">Interleaved channels per frame.</param>
/// <param name="Encoding">Sample encoding.</param>
public sealed record PcmFormat(int SampleRate, int Channels, PcmEncoding Encoding)
{
    /// <summary>Bytes of one single-channel sample (2 or 4).</summary>
    public int BytesPerSample => Encoding == PcmEncoding.S16Le ? 2 : 4;

    /// <summary>Bytes of one frame (all channels).</summary>
    public int BytesPerFrame => BytesPerSample * Channels;

    /// <summary>The WAV equivalent (for <see cref="SampleDecoder"/>).</summary>
    public (WavSampleFormat Format, int Bits) WavEquivalent => Encoding switch
    {
        PcmEncoding.S16Le => (WavSampleFormat.Pcm, 16),
        PcmEncoding.S32Le => (WavSampleFormat.Pcm, 32),
        _ => (WavSampleFormat.IeeeFloat, 32),
    };

    /// <summary>Parses a CLI encoding name: s16le, s32le or f32le (case-insensitive; S16_LE etc. accepted).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static PcmEncoding ParseEncoding(string name) => name.Trim().Replace("_", "").ToLowerInvariant() switch
    {
        "s16le" => PcmEncoding.S16Le,
        "s32le" => PcmEncoding.S32Le,
        "f32le" or "floatle" => PcmEncoding.F32Le,
        _ => throw new ArgumentException($"Unknown PCM format '{name}': expected s16le, s32le or f32le.", nameof(name)),
    };

    /// <summary>Checks the fields.</summary>
    /// <exception cref="ArgumentException">Non-positive rate or channel count.</exception>
    public PcmFormat Validate()
    {
        if (SampleRate <= 0) throw new ArgumentException($"PCM sample rate must be positive (got {SampleRate}).");
        if (Channels <= 0) throw new ArgumentException($"PCM channel count must be positive (got {Channels}).");
        return this;
    }
}
