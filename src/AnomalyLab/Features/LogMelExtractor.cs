using AnomalyLab.Audio;

namespace AnomalyLab.Features;

/// <summary>
/// Log-mel spectrogram for one set of <see cref="LogMelOptions"/>: STFT → mel filterbank → dB.
/// Thread-safe: one extractor can serve parallel clips.
/// </summary>
public sealed class LogMelExtractor
{
    /// <summary>Prepares the filterbank for <paramref name="options"/> (validated).</summary>
    public LogMelExtractor(LogMelOptions options)
    {
        Options = options.Validate();
        Filterbank = MelFilterbank.Create(options);
    }

    /// <summary>The settings in use.</summary>
    public LogMelOptions Options { get; }

    /// <summary>The mel filterbank in use.</summary>
    public MelFilterbank Filterbank { get; }

    /// <summary>Log-mel of mono samples at <see cref="LogMelOptions.SampleRate"/>, shape <c>[n_mels, frames]</c>, dB.</summary>
    public float[,] Extract(ReadOnlySpan<float> samples)
    {
        double[,] power = Stft.PowerSpectrogram(samples, Options.NFft, Options.HopLength, Options.EffectiveWinLength, Options.Power, Options.Center, Options.PadMode);
        double[,] mel = Filterbank.Apply(power);
        return Decibels.FromPower(mel, Options.DecibelFloor, Options.Amin, Options.Reference, Options.TopDb);
    }

    /// <summary>Reads a WAV file and returns its log-mel, shape <c>[n_mels, frames]</c>.</summary>
    /// <exception cref="WavFormatException">Undecodable file, or its sample rate differs from the options' (no silent resampling).</exception>
    public float[,] ExtractFile(string path, ChannelSelection? channel = null)
    {
        WavAudio audio = WavReader.Read(path);
        if (audio.SampleRate != Options.SampleRate)
            throw new WavFormatException(path, $"sample rate is {audio.SampleRate} Hz, the feature options expect {Options.SampleRate} Hz; resample explicitly or change LogMelOptions.SampleRate.");
        return Extract(audio.Mono(channel ?? ChannelSelection.First));
    }
}
