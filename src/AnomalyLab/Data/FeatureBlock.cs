namespace AnomalyLab.Data;

/// <summary>
/// Log-mel features of many clips in one contiguous float32 block, shape <c>[clips, n_mels, frames]</c> in C order
/// (clip-major), with each clip's count of real (unpadded) frames. A block may be a view on a larger block (test
/// groups share their machine type's storage). A block loaded from a memory-mapped cache owns the mapping: dispose it
/// (or the whole block) when done; disposing an array-backed block or a view does nothing.
/// </summary>
public sealed class FeatureBlock : IDisposable
{
    private readonly Memory<float> _buffer;
    private readonly int _start;
    private readonly IDisposable? _owner;

    /// <summary>Wraps <paramref name="buffer"/> (not copied) from clip <paramref name="firstClip"/> on.</summary>
    /// <exception cref="ArgumentException">The buffer, clips and real-frame counts disagree.</exception>
    public FeatureBlock(float[] buffer, int nMels, int frames, IReadOnlyList<ClipRecord> clips, int[] realFrames, int firstClip = 0)
        : this(buffer.AsMemory(), nMels, frames, clips, realFrames, firstClip, owner: null)
    {
    }

    /// <summary>Wraps <paramref name="buffer"/>; <paramref name="owner"/> (e.g. a file mapping) is disposed with the block.</summary>
    internal FeatureBlock(Memory<float> buffer, int nMels, int frames, IReadOnlyList<ClipRecord> clips, int[] realFrames, int firstClip, IDisposable? owner)
    {
        if (nMels <= 0 || frames <= 0) throw new ArgumentException($"a feature block needs positive n_mels and frames (got {nMels}, {frames}).");
        if (clips.Count != realFrames.Length) throw new ArgumentException($"{clips.Count} clips but {realFrames.Length} real-frame counts.");
        long needed = (long)(firstClip + clips.Count) * nMels * frames;
        if (needed > buffer.Length) throw new ArgumentException($"buffer of {buffer.Length} floats cannot hold clips {firstClip}..{firstClip + clips.Count} of [{nMels}, {frames}].");
        if (realFrames.Any(r => r < 0 || r > frames)) throw new ArgumentException($"real frame counts must lie in 0..{frames}.");
        _buffer = buffer;
        _start = firstClip * nMels * frames;
        NMels = nMels;
        Frames = frames;
        Clips = clips;
        RealFrames = realFrames;
        _owner = owner;
    }

    /// <summary>Releases the file mapping of a block loaded from a mapped cache; its values (and views) must not be used afterwards.</summary>
    public void Dispose() => _owner?.Dispose();

    /// <summary>Number of clips.</summary>
    public int Count => Clips.Count;

    /// <summary>Mel bands per clip.</summary>
    public int NMels { get; }

    /// <summary>Stored frames per clip (real + padding).</summary>
    public int Frames { get; }

    /// <summary>The clips, in block order.</summary>
    public IReadOnlyList<ClipRecord> Clips { get; }

    /// <summary>Real (unpadded) frames of each clip, shape <c>[clips]</c>.</summary>
    public int[] RealFrames { get; }

    /// <summary>Floats per clip: <c>n_mels · frames</c>.</summary>
    public int ClipLength => NMels * Frames;

    /// <summary>All values, flat <c>[clips · n_mels · frames]</c>.</summary>
    public Memory<float> Values => _buffer.Slice(_start, Count * ClipLength);

    /// <summary>Bytes of feature data in this block.</summary>
    public long ByteCount => (long)Count * ClipLength * sizeof(float);

    /// <summary>One clip, flat <c>[n_mels · frames]</c> (row-major: mel, then frame); writable.</summary>
    public Span<float> Clip(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"clip {index} asked for, the block has {Count}.");
        return _buffer.Span.Slice(_start + index * ClipLength, ClipLength);
    }

    /// <summary>Value at (clip, mel, frame).</summary>
    public float this[int clip, int mel, int frame]
    {
        get => Clip(clip)[mel * Frames + frame];
        set => Clip(clip)[mel * Frames + frame] = value;
    }

    /// <summary>A copy of one clip, shape <c>[n_mels, frames]</c>; <paramref name="realOnly"/> drops padding frames.</summary>
    public float[,] ClipArray(int index, bool realOnly = false)
    {
        Span<float> clip = Clip(index);
        int frames = realOnly ? RealFrames[index] : Frames;
        var result = new float[NMels, frames];
        for (int m = 0; m < NMels; m++)
            for (int t = 0; t < frames; t++) result[m, t] = clip[m * Frames + t];
        return result;
    }

    /// <summary>A copy of all values, flat <c>[clips · n_mels · frames]</c> (e.g. for a tensor).</summary>
    public float[] ToArray() => Values.ToArray();

    /// <summary>Shape as <c>[clips, n_mels, frames]</c>.</summary>
    public int[] Shape => [Count, NMels, Frames];

    /// <summary>A view on clips <c>[first, first + count)</c>, sharing storage.</summary>
    public FeatureBlock Slice(int first, int count)
    {
        if (first < 0 || count < 0 || first + count > Count) throw new ArgumentOutOfRangeException(nameof(first), $"clips {first}..{first + count} of a block of {Count}.");
        return new FeatureBlock(_buffer, NMels, Frames, Clips.Skip(first).Take(count).ToList(), RealFrames[first..(first + count)], _start / ClipLength + first, owner: null);
    }

    /// <summary>Sets every padding cell (frames at or after each clip's real count) to <paramref name="value"/>.</summary>
    public void FillPadding(float value)
    {
        for (int c = 0; c < Count; c++)
        {
            Span<float> clip = Clip(c);
            int real = RealFrames[c];
            if (real == Frames) continue;
            for (int m = 0; m < NMels; m++)
            {
                // Only cells that differ are written: a mapped copy-on-write block whose padding already holds the value keeps its pages shared.
                Span<float> padding = clip.Slice(m * Frames + real, Frames - real);
                for (int t = 0; t < padding.Length; t++)
                    if (padding[t] != value) padding[t] = value;
            }
        }
    }
}
