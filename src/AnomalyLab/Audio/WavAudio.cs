namespace AnomalyLab.Audio;

/// <summary>
/// Decoded WAV audio: interleaved samples scaled to [-1, 1) (integer PCM divided by 2^(bits-1); float stored as is).
/// </summary>
/// <param name="Path">The file it came from (for messages).</param>
/// <param name="SampleRate">Samples per second per channel, in Hz.</param>
/// <param name="ChannelCount">Number of interleaved channels.</param>
/// <param name="BitsPerSample">Container bits per sample in the file (8, 16, 24, 32, 64).</param>
/// <param name="Format">Integer PCM or IEEE float.</param>
/// <param name="ChannelMask">Speaker-position mask of WAVE_FORMAT_EXTENSIBLE files; 0 otherwise.</param>
/// <param name="Samples">Interleaved samples, shape <c>[frames * channels]</c>.</param>
public sealed record WavAudio(
    string Path,
    int SampleRate,
    int ChannelCount,
    int BitsPerSample,
    WavSampleFormat Format,
    uint ChannelMask,
    float[] Samples)
{
    /// <summary>Samples per channel.</summary>
    public int FrameCount => Samples.Length / ChannelCount;

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)FrameCount / SampleRate;

    /// <summary>One channel, shape <c>[frames]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a channel of this file.</exception>
    public float[] Channel(int index)
    {
        if (index < 0 || index >= ChannelCount)
            throw new ArgumentOutOfRangeException(nameof(index), $"{Path}: channel {index} asked for, the file has {ChannelCount} channel(s) (0..{ChannelCount - 1}).");
        var result = new float[FrameCount];
        for (int frame = 0, source = index; frame < result.Length; frame++, source += ChannelCount) result[frame] = Samples[source];
        return result;
    }

    /// <summary>Mean over channels (down-mix), shape <c>[frames]</c>.</summary>
    public float[] Mix()
    {
        if (ChannelCount == 1) return (float[])Samples.Clone();
        var result = new float[FrameCount];
        float scale = 1f / ChannelCount;
        for (int frame = 0; frame < result.Length; frame++)
        {
            float sum = 0;
            int offset = frame * ChannelCount;
            for (int c = 0; c < ChannelCount; c++) sum += Samples[offset + c];
            result[frame] = sum * scale;
        }
        return result;
    }

    /// <summary>Mono samples as chosen by <paramref name="selection"/>.</summary>
    public float[] Mono(ChannelSelection selection) => selection.IsMix ? Mix() : Channel(selection.Index);
}
