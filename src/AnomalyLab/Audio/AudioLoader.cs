using System.Buffers;

namespace AnomalyLab.Audio;

/// <summary>
/// Loads one mono signal from a WAV file at a required sample rate: channel selection, then either a rate check
/// (default: a mismatch is an error) or, when explicitly allowed, band-limited resampling by <see cref="Resampler"/>.
/// </summary>
public static class AudioLoader
{
    /// <summary>
    /// Mono samples of <paramref name="path"/> at <paramref name="targetRate"/>, shape <c>[frames]</c>, values in [-1, 1).
    /// </summary>
    /// <param name="path">WAV file.</param>
    /// <param name="channel">One channel by index, or the mean of all.</param>
    /// <param name="targetRate">Required sample rate, Hz.</param>
    /// <param name="allowResample">
    /// false (default): a file at another rate raises <see cref="SampleRateMismatchException"/>.
    /// true: it is resampled with <see cref="Resampler.Resample"/> (scipy.signal.resample_poly, Kaiser β = 5), output
    /// length ceil(n · target / source).
    /// </param>
    /// <exception cref="WavFormatException">Undecodable file.</exception>
    /// <exception cref="SampleRateMismatchException">Rate mismatch without <paramref name="allowResample"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The channel index is not in the file.</exception>
    public static float[] LoadMono(string path, ChannelSelection channel, int targetRate, bool allowResample = false)
    {
        if (targetRate <= 0) throw new ArgumentOutOfRangeException(nameof(targetRate), $"target sample rate must be positive (got {targetRate}).");
        WavAudio audio = WavReader.Read(path);
        float[] mono = ToMono(audio, channel);
        if (audio.SampleRate == targetRate) return mono;
        if (!allowResample) throw new SampleRateMismatchException(path, audio.SampleRate, targetRate);
        return Resampler.Resample(mono, audio.SampleRate, targetRate);
    }

    /// <summary>
    /// The selected mono signal, shape <c>[frames]</c>. For a one-channel file this is <see cref="WavAudio.Samples"/>
    /// itself (no copy), so the caller must not share <paramref name="audio"/> with code that expects it unchanged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel index is not in the file.</exception>
    public static float[] ToMono(WavAudio audio, ChannelSelection channel)
    {
        if (audio.ChannelCount == 1 && (channel.IsMix || channel.Index == 0)) return audio.Samples;
        return audio.Mono(channel);
    }

    /// <summary>
    /// <see cref="LoadMono"/> for the batch feature path: the file bytes and decoded samples live in pooled buffers, so a
    /// stream of clips does not churn the large-object heap. Returns an array rented from <see cref="ArrayPool{T}.Shared"/>
    /// (when <paramref name="rented"/> is true; the caller returns it) whose first <paramref name="length"/> values are the
    /// mono signal — the same values <see cref="LoadMono"/> returns.
    /// </summary>
    internal static float[] LoadMonoPooled(string path, ChannelSelection channel, int targetRate, bool allowResample, out int length, out bool rented)
    {
        if (targetRate <= 0) throw new ArgumentOutOfRangeException(nameof(targetRate), $"target sample rate must be positive (got {targetRate}).");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: WAV file not found.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long fileLength = stream.Length;
        if (fileLength > int.MaxValue) throw new WavFormatException(path, $"file is {fileLength} bytes; files over 2 GB are not supported.");
        byte[] bytes = ArrayPool<byte>.Shared.Rent((int)fileLength);
        float[]? mono = null;
        try
        {
            stream.ReadExactly(bytes, 0, (int)fileLength);
            ReadOnlySpan<byte> image = bytes.AsSpan(0, (int)fileLength);
            WavHeader header = WavReader.ParseHeader(image, fileLength, path);
            int channels = header.ChannelCount, frames = (int)header.FrameCount;
            if (!channel.IsMix && (channel.Index < 0 || channel.Index >= channels))
                throw new ArgumentOutOfRangeException(nameof(channel), $"{path}: channel {channel.Index} asked for, the file has {channels} channel(s) (0..{channels - 1}).");
            ReadOnlySpan<byte> data = image.Slice((int)header.DataOffset, frames * header.BlockAlign);
            mono = ArrayPool<float>.Shared.Rent(frames);
            if (channels == 1)
            {
                SampleDecoder.Decode(data, header.Format, header.BitsPerSample, mono);
                if (header.Format == WavSampleFormat.IeeeFloat) SampleDecoder.RequireFinite(mono.AsSpan(0, frames), 1, path);
            }
            else
            {
                float[] interleaved = ArrayPool<float>.Shared.Rent(frames * channels);
                try
                {
                    SampleDecoder.Decode(data, header.Format, header.BitsPerSample, interleaved);
                    if (header.Format == WavSampleFormat.IeeeFloat) SampleDecoder.RequireFinite(interleaved.AsSpan(0, frames * channels), channels, path);
                    // Same arithmetic as WavAudio.Channel / WavAudio.Mix, so both paths give identical samples.
                    if (!channel.IsMix)
                    {
                        for (int frame = 0, source = channel.Index; frame < frames; frame++, source += channels) mono[frame] = interleaved[source];
                    }
                    else
                    {
                        float scale = 1f / channels;
                        for (int frame = 0; frame < frames; frame++)
                        {
                            float sum = 0;
                            int offset = frame * channels;
                            for (int c = 0; c < channels; c++) sum += interleaved[offset + c];
                            mono[frame] = sum * scale;
                        }
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(interleaved);
                }
            }
            if (header.SampleRate == targetRate)
            {
                length = frames;
                rented = true;
                float[] result = mono;
                mono = null;
                return result;
            }
            if (!allowResample) throw new SampleRateMismatchException(path, header.SampleRate, targetRate);
            float[] resampled = Resampler.Resample(mono.AsSpan(0, frames), header.SampleRate, targetRate);
            length = resampled.Length;
            rented = false;
            return resampled;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (mono != null) ArrayPool<float>.Shared.Return(mono);
        }
    }
}
