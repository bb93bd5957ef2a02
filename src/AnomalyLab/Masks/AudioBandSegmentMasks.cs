namespace AnomalyLab.Masks;

/// <summary>
/// The audio band × time-segment strategy (the seed's <c>AudioSpecificStrategy</c>): one mel band crossed with a few time segments,
/// see <see cref="AudioBandSegmentOptions"/> for the sampling rule. Output <c>[B, 1, n_mels, frames]</c>.
/// </summary>
public sealed class AudioBandSegmentMasks : IMaskStrategy
{
    /// <summary>A strategy with validated <paramref name="options"/>.</summary>
    public AudioBandSegmentMasks(AudioBandSegmentOptions options) => Options = options.Validate();

    /// <summary>The settings.</summary>
    public AudioBandSegmentOptions Options { get; }

    /// <inheritdoc />
    public int Height => Options.MelBins;

    /// <inheritdoc />
    public int Width => Options.Frames;

    /// <inheritdoc />
    public string Name => Options.Name;

    /// <inheritdoc />
    public MaskBatch Generate(int batchSize, ulong seed, int firstIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        var batch = MaskBatch.Zeros(batchSize, Height, Width);
        for (int b = 0; b < batchSize; b++) SampleLayout(seed, firstIndex + b).Render(batch.MaskSpan(b), Width);
        return batch;
    }

    /// <summary>The layouts behind <see cref="Generate"/>'s masks 0..count−1 for the same seed.</summary>
    public IReadOnlyList<AudioBandSegmentLayout> SampleLayouts(int count, ulong seed) =>
        Enumerable.Range(0, count).Select(b => SampleLayout(seed, b)).ToArray();

    /// <summary>The layout of mask <paramref name="index"/> drawn from <paramref name="seed"/>.</summary>
    public AudioBandSegmentLayout SampleLayout(ulong seed, int index)
    {
        var rng = SplitMix64.ForItem(seed, index);
        var o = Options;
        if (o.EmptyProbability > 0 && rng.NextDouble() < o.EmptyProbability) return new AudioBandSegmentLayout(0, 0, [], IsEmpty: true);
        int width = o.BandWidthWeights is { } widths ? o.BandWidthMin + rng.NextWeighted(widths) : rng.NextInt(o.BandWidthMin, o.BandWidthMax);
        int start = o.BandCenterWeights is { } weights
            ? Math.Clamp(rng.NextWeighted(weights) - width / 2, 0, o.MelBins - width)
            : rng.NextInt(0, o.MelBins - width);
        int count = rng.NextInt(o.SegmentCountMin, o.SegmentCountMax);
        var segments = new TimeSegment[count];
        for (int k = 0; k < count; k++)
        {
            int length = o.SegmentLengthWeights is { } lengths ? o.SegmentLengthMin + rng.NextWeighted(lengths) : rng.NextInt(o.SegmentLengthMin, o.SegmentLengthMax);
            segments[k] = new TimeSegment(rng.NextInt(0, o.Frames - length), length);
        }
        return new AudioBandSegmentLayout(start, width, segments, IsEmpty: false);
    }
}
