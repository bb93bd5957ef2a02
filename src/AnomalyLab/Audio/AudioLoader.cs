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
}
