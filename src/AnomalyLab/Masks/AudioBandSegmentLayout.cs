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
    /// <summary>Writes the mask into <paramref name="mask"/> (length melBins · frames, row-major <c>[n_mels, frames]</c>, cleared first).</summary>
    public void Render(Span<float> mask, int frames)
    {
        mask.Clear();
        if (IsEmpty) return;
        Span<float> row = mask.Slice(BandStart * frames, frames);
        foreach (var segment in Segments) row.Slice(segment.Start, segment.Length).Fill(1f);
        for (int r = 1; r < BandWidth; r++) row.CopyTo(mask.Slice((BandStart + r) * frames, frames));
    }
}
