using AnomalyLab.Audio;
using AnomalyLab.Models.StftVae;

namespace AnomalyLab.Streaming;

/// <summary>
/// Scores a stream segment by segment with an STFT-VAE threshold model: <see cref="StreamSegmenter"/> →
/// <see cref="StftVaeScorer"/> → one <see cref="SegmentVerdict"/> per segment, reported as soon as the segment is complete.
/// </summary>
public static class SegmentWatcher
{
    /// <summary>
    /// Watches <paramref name="reader"/> to its end, calling <paramref name="onSegment"/> per segment (scored or skipped).
    /// A rate other than the model's is resampled per segment when <paramref name="allowResample"/> (each segment
    /// separately, so the filter restarts at segment edges), else it is an error before anything is read.
    /// </summary>
    /// <exception cref="ArgumentException">A rate mismatch without resampling, or invalid segment options.</exception>
    public static WatchSummary Watch(PcmFrameReader reader, StftVaeScorer scorer, SegmentOptions segments, Action<SegmentVerdict> onSegment, bool allowResample = false)
    {
        int rate = reader.Format.SampleRate;
        if (rate != scorer.SampleRate && !allowResample)
            throw new ArgumentException($"the input is {rate} Hz but the model was trained at {scorer.SampleRate} Hz; pass --resample to resample each segment, or train at {rate} Hz.");
        int scored = 0, anomalies = 0, skipped = 0;
        double sum = 0;
        int minimum = scorer.Settings.Patch.MinimumSamples;
        foreach (AudioSegment segment in StreamSegmenter.Segments(reader, segments))
        {
            // A partial segment shorter than one STFT frame needs cannot be scored whatever the minimum fraction says.
            bool skip = segment.Skipped || (long)segment.Samples.Length * scorer.SampleRate / rate < minimum;
            if (skip)
            {
                skipped++;
                onSegment(new SegmentVerdict(segment.Index, segment.StartSeconds, segment.EndSeconds, double.NaN, false, segment.IsPartial, true));
                continue;
            }
            double score = scorer.Score(segment.Samples, rate, allowResample);
            bool anomalous = scorer.IsAnomalous(score);
            scored++;
            sum += score;
            if (anomalous) anomalies++;
            onSegment(new SegmentVerdict(segment.Index, segment.StartSeconds, segment.EndSeconds, score, anomalous, segment.IsPartial, false));
        }
        return new WatchSummary(scored, anomalies, scored == 0 ? double.NaN : sum / scored, skipped, reader.DanglingBytes, scorer.Threshold);
    }
}
