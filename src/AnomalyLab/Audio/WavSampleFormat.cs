namespace AnomalyLab.Audio;

/// <summary>How samples are stored in a WAV data chunk.</summary>
public enum WavSampleFormat
{
    /// <summary>Integer PCM (8-bit unsigned; 16, 24, 32-bit signed).</summary>
    Pcm = 1,

    /// <summary>IEEE 754 float, 32 or 64 bits.</summary>
    IeeeFloat = 3,
}
