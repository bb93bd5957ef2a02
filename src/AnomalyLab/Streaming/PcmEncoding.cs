namespace AnomalyLab.Streaming;

/// <summary>Sample encodings of a raw PCM byte stream (interleaved, little-endian). CLI names s16le, s32le, f32le.</summary>
public enum PcmEncoding
{
    /// <summary>Signed 16-bit integers (arecord -f S16_LE), scaled by 1/32768.</summary>
    S16Le,

    /// <summary>Signed 32-bit integers (arecord -f S32_LE), scaled by 1/2^31.</summary>
    S32Le,

    /// <summary>IEEE 32-bit floats (arecord -f FLOAT_LE), used as they are.</summary>
    F32Le,
}
