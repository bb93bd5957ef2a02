using AnomalyLab.Audio;
namespace AnomalyLab.Streaming;

/// <summary>
/// Cuts a <see cref="PcmFrameReader"/> into consecutive segments (<see cref="SegmentOptions"/>) as the bytes arrive.
/// Memory: one segment buffer (which already holds the overlap) plus the reader's byte buffer — never the stream.
/// </summary>
public static class StreamSegmenter
{
    /// <summary>
    /// Yields the segments of <paramref name="reader"/> lazily (each one as soon as its last sample arrived), then, per the
    /// final-partial rule of <see cref="SegmentOptions"/>, one partial segment (scored or marked skipped).
    /// </summary>
    public static IEnumerable<AudioSegment> Segments(PcmFrameReader reader, SegmentOptions options)
    {
        int rate = reader.Format.SampleRate;
        options.Validate(rate);
        int length = options.SegmentSamples(rate), overlap = options.OverlapSamples(rate), hop = length - overlap;
        var buffer = new float[length];
        int held = 0;            // samples in buffer
        long start = 0;          // stream position of buffer[0]
        int index = 0;
        bool freshSinceLast = false; // a sample arrived after the last emitted segment
        while (true)
        {
            int got = reader.Read(buffer.AsSpan(held));
            held += got;
            if (got > 0) freshSinceLast = true;
            if (held < length) break;
            yield return new AudioSegment(index++, start, (float[])buffer.Clone(), rate, false, false);
            freshSinceLast = false;
            // Keep the overlap: the last `overlap` samples become the head of the next segment.
            Array.Copy(buffer, hop, buffer, 0, overlap);
            held = overlap;
            start += hop;
        }
        if (freshSinceLast && held > 0)
        {
            bool skipped = held < options.MinimumPartialSamples(rate);
            yield return new AudioSegment(index, start, buffer[..held], rate, true, skipped);
        }
    }

    /// <summary>
    /// The same segmentation of an in-memory signal of <paramref name="length"/> samples (training uses it so that its
    /// segments are cut exactly as <see cref="Segments"/> cuts a stream): (start, length, partial, skipped) per segment.
    /// </summary>
    public static IReadOnlyList<(int Start, int Length, bool Partial, bool Skipped)> Plan(int length, int sampleRate, SegmentOptions options)
    {
        options.Validate(sampleRate);
        int size = options.SegmentSamples(sampleRate), hop = options.HopSamples(sampleRate), overlap = size - hop;
        var plan = new List<(int, int, bool, bool)>();
        int start = 0;
        while (start + size <= length)
        {
            plan.Add((start, size, false, false));
            start += hop;
        }
        int rest = length - start;
        // Mirrors the streaming rule: a partial exists only when samples follow the last full segment.
        bool fresh = plan.Count == 0 ? rest > 0 : rest > overlap;
        if (fresh) plan.Add((start, rest, true, rest < options.MinimumPartialSamples(sampleRate)));
        return plan;
    }
}
