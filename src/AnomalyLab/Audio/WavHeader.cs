namespace AnomalyLab.Audio;

/// <summary>What a WAV header says about the samples, without decoding them.</summary>
/// <param name="Path">The file (for messages).</param>
/// <param name="SampleRate">Hz.</param>
/// <param name="ChannelCount">Interleaved channels.</param>
/// <param name="BitsPerSample">Container bits per sample.</param>
/// <param name="Format">Integer PCM or IEEE float.</param>
/// <param name="ChannelMask">WAVE_FORMAT_EXTENSIBLE speaker mask, 0 otherwise.</param>
/// <param name="DataOffset">Byte offset of the first sample.</param>
/// <param name="DataLength">Bytes of sample data usable (bounded by the file length).</param>
/// <param name="FrameCount">Whole frames in the data chunk.</param>
public sealed record WavHeader(
    string Path,
    int SampleRate,
    int ChannelCount,
    int BitsPerSample,
    WavSampleFormat Format,
    uint ChannelMask,
    long DataOffset,
    long DataLength,
    long FrameCount)
{
    /// <summary>Bytes per single-channel sample.</summary>
    public int BytesPerSample => BitsPerSample / 8;

    /// <summary>Bytes per frame (all channels).</summary>
    public int BlockAlign => BytesPerSample * ChannelCount;

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)FrameCount / SampleRate;
}
