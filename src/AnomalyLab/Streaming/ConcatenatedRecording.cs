using AnomalyLab.Audio;

namespace AnomalyLab.Streaming;

/// <summary>
/// Several WAV clips joined end to end into one s16le byte stream, as a recorder would deliver them — for demonstrations
/// and evidence (notebook 06, tests) of watching a long recording whose normal and anomalous parts are known.
/// Holds the whole byte image in memory (the clips are short); watching it still goes segment by segment.
/// </summary>
/// <param name="Bytes">Mono s16le samples of all clips in order.</param>
/// <param name="Format">Their layout (the clips' common rate, one channel, s16le).</param>
/// <param name="Clips">Each clip's file and start time in the stream, seconds.</param>
public sealed record ConcatenatedRecording(byte[] Bytes, PcmFormat Format, IReadOnlyList<(string Path, double StartSeconds)> Clips)
{
    /// <summary>Joins <paramref name="paths"/> (mixed to mono, quantised to 16 bits).</summary>
    /// <exception cref="ArgumentException">No clips, or clips at different sample rates.</exception>
    public static ConcatenatedRecording Of(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new ArgumentException("no clips to concatenate.", nameof(paths));
        using var memory = new MemoryStream();
        var clips = new List<(string, double)>();
        int rate = 0;
        long samples = 0;
        foreach (string path in paths)
        {
            WavAudio audio = WavReader.Read(path);
            if (rate == 0) rate = audio.SampleRate;
            else if (audio.SampleRate != rate) throw new ArgumentException($"{path}: sample rate {audio.SampleRate} Hz, the first clip is {rate} Hz.", nameof(paths));
            float[] mono = audio.ChannelCount == 1 ? audio.Samples : audio.Mix();
            var bytes = new byte[mono.Length * 2];
            for (int i = 0; i < mono.Length; i++)
            {
                short value = (short)Math.Clamp(Math.Round(mono[i] * 32768.0), short.MinValue, short.MaxValue);
                bytes[2 * i] = (byte)value;
                bytes[2 * i + 1] = (byte)(value >> 8);
            }
            memory.Write(bytes);
            clips.Add((path, (double)samples / rate));
            samples += mono.Length;
        }
        return new ConcatenatedRecording(memory.ToArray(), new PcmFormat(rate, 1, PcmEncoding.S16Le), clips);
    }

    /// <summary>Duration, seconds.</summary>
    public double DurationSeconds => (double)(Bytes.Length / 2) / Format.SampleRate;

    /// <summary>A fresh reader over the bytes.</summary>
    public PcmFrameReader OpenReader() => new(new MemoryStream(Bytes, writable: false), Format);

    /// <summary>Index of the clip playing at <paramref name="seconds"/>.</summary>
    public int ClipAt(double seconds)
    {
        int index = 0;
        for (int i = 0; i < Clips.Count; i++) if (Clips[i].StartSeconds <= seconds + 1e-9) index = i;
        return index;
    }
}
