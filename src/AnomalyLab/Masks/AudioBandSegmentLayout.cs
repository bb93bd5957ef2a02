namespace AnomalyLab.Masks;

/// <summary>One time segment of a band × segment mask: frames [Start, Start + Length).</summary>
public readonly record struct TimeSegment(int Start, int Length)
{
    /// <summary>One past the last frame.</summary>
    public int End => Start + Length;
}

/// <summary>
/// What one <see cref="AudioBandSegmentMasks"/> mask was drawn from: the band rows [BandStart, BandStart + BandWidth) and the
/// segments (possibly overlapping). An empty mask has <see cref="IsEmpty"/> set and no segments.
/// </summary>
public sealed record AudioBandSegmentLayout(int BandStart, int BandWidth, IReadOnlyList<TimeSegment> Segments, bool IsEmpty)
{
    /// <summary>Frames covered by the union of the segments, length <paramref name="frames"/>; O(segments + frames).</summary>
    public bool[] CoveredFrames(int frames)
    {
        var covered = new bool[frames];
        if (IsEmpty) return covered;
        var depth = new int[frames + 1];
        foreach (var segment in Segments)
        {
            depth[Math.Min(frames, segment.Start)]++;
            depth[Math.Min(frames, segment.End)]--;
        }
        int open = 0;
        for (int t = 0; t < frames; t++)
        {
            open += depth[t];
            covered[t] = open > 0;
        }
        return covered;
    }

    /// <summary>Writes the mask into <paramref name="mask"/> (length melBins · frames, row-major <c>[n_mels, frames]</c>, cleared first).</summary>
    public void Render(Span<float> mask, int frames)
    {
        mask.Clear();
        if (IsEmpty) return;
        Span<float> row = mask.Slice(BandStart * frames, frames);
        bool[] covered = CoveredFrames(frames);
        for (int t = 0; t < frames; t++)
            if (covered[t]) row[t] = 1f;
        for (int r = 1; r < BandWidth; r++) row.CopyTo(mask.Slice((BandStart + r) * frames, frames));
    }
}
