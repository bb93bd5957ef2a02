namespace AnomalyLab.Data;

/// <summary>
/// A group of log-mel clips held as one flat array, shape <c>[Count, NMels, Frames]</c> (row-major, clip-major), dB or
/// standardised units. Only the first <see cref="ValidFrames"/> frames of each clip are real signal; frames beyond them
/// (e.g. the 313 → 320 zero padding a VQ-VAE needs) are ignored by every statistic in <c>Studies</c>.
/// </summary>
public sealed class LogMelBatch
{
    /// <summary>Wraps <paramref name="values"/> without copying (an array or a slice of a larger feature block).</summary>
    /// <param name="values">Flat <c>[count, nMels, frames]</c> values; length must be count·nMels·frames.</param>
    /// <param name="count">Number of clips (may be 0).</param>
    /// <param name="nMels">Mel bands per clip.</param>
    /// <param name="frames">Stored frames per clip (the stride), padding included.</param>
    /// <param name="validFrames">Real frames per clip, 1..frames; null means all stored frames.</param>
    /// <exception cref="ArgumentException">Sizes that do not match the array.</exception>
    public LogMelBatch(ReadOnlyMemory<float> values, int count, int nMels, int frames, int? validFrames = null)
    {
        if (count < 0 || nMels <= 0 || frames <= 0)
            throw new ArgumentException($"A log-mel batch needs count >= 0, n_mels > 0 and frames > 0 (got {count}, {nMels}, {frames}).");
        if ((long)count * nMels * frames != values.Length)
            throw new ArgumentException($"A [{count}, {nMels}, {frames}] log-mel batch needs {(long)count * nMels * frames} values, found {values.Length}.");
        int valid = validFrames ?? frames;
        if (valid <= 0 || valid > frames)
            throw new ArgumentException($"Valid frames must be in 1..{frames} (got {valid}).");
        Values = values;
        Count = count;
        NMels = nMels;
        Frames = frames;
        ValidFrames = valid;
    }

    /// <summary>Flat values, shape <c>[Count, NMels, Frames]</c>.</summary>
    public ReadOnlyMemory<float> Values { get; }

    /// <summary>Number of clips.</summary>
    public int Count { get; }

    /// <summary>Mel bands per clip.</summary>
    public int NMels { get; }

    /// <summary>Stored frames per clip (row stride), padding included.</summary>
    public int Frames { get; }

    /// <summary>Real (unpadded) frames per clip; statistics use only frames <c>0..ValidFrames-1</c>.</summary>
    public int ValidFrames { get; }

    /// <summary>Values per clip: NMels·Frames.</summary>
    public int ClipSize => NMels * Frames;

    /// <summary>One clip's values, shape <c>[NMels, Frames]</c> flat.</summary>
    public ReadOnlySpan<float> Clip(int index) => Values.Span.Slice(index * ClipSize, ClipSize);

    /// <summary>Copies <paramref name="clips"/> (each <c>[n_mels, frames]</c>, same shape) into one batch.</summary>
    /// <exception cref="ArgumentException">Clips of different shapes, or an empty list without a shape.</exception>
    public static LogMelBatch FromClips(IReadOnlyList<float[,]> clips, int? validFrames = null)
    {
        if (clips.Count == 0) throw new ArgumentException("FromClips needs at least one clip to know the shape; use the constructor for an empty batch.");
        int nMels = clips[0].GetLength(0), frames = clips[0].GetLength(1);
        var values = new float[(long)clips.Count * nMels * frames];
        for (int c = 0; c < clips.Count; c++)
        {
            if (clips[c].GetLength(0) != nMels || clips[c].GetLength(1) != frames)
                throw new ArgumentException($"Clip {c} is [{clips[c].GetLength(0)}, {clips[c].GetLength(1)}], expected [{nMels}, {frames}] like clip 0.");
            Buffer.BlockCopy(clips[c], 0, values, c * nMels * frames * sizeof(float), nMels * frames * sizeof(float));
        }
        return new LogMelBatch(values, clips.Count, nMels, frames, validFrames);
    }

    /// <summary>An empty batch with the same geometry.</summary>
    public LogMelBatch EmptyLike() => new(ReadOnlyMemory<float>.Empty, 0, NMels, Frames, ValidFrames);
}
