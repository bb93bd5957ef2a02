namespace AnomalyLab.Data;

/// <summary>
/// A group of log-mel clips held as one flat array, shape <c>[Count, NMels, Frames]</c> (row-major, clip-major), dB or
/// standardised units: the studies' read-only view of a <see cref="FeatureBlock"/> (<see cref="Of"/>) with one valid length. Only the first <see cref="ValidFrames"/> frames of each clip are real signal; frames beyond them
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

    /// <summary>
    /// A view on the clips of <paramref name="block"/> (no copy; the block's storage, padding frames included), with
    /// <see cref="ValidFrames"/> = the shortest real length among them (the block's frames for an empty block).
    /// </summary>
    /// <exception cref="InvalidDataException">A clip without real frames (the message names it).</exception>
    public static LogMelBatch Of(FeatureBlock block)
    {
        if (block.Count == 0) return new LogMelBatch(ReadOnlyMemory<float>.Empty, 0, block.NMels, block.Frames);
        int valid = block.RealFrames.Min();
        if (valid == 0) throw new InvalidDataException($"{block.Clips[Array.IndexOf(block.RealFrames, 0)].Path}: the clip has no frames.");
        return new LogMelBatch(block.Values, block.Count, block.NMels, block.Frames, valid);
    }

    /// <summary>An empty batch with the same geometry.</summary>
    public LogMelBatch EmptyLike() => new(ReadOnlyMemory<float>.Empty, 0, NMels, Frames, ValidFrames);
}
