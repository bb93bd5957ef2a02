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
}
