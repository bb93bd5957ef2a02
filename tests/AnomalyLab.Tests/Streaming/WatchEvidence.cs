using AnomalyLab.Audio;
using AnomalyLab.Scoring;
using AnomalyLab.Streaming;

namespace AnomalyLab.Tests.Streaming;

/// <summary>
/// Concatenates clips into one s16le byte stream and watches it: per segment the score, the verdict and whether the
/// segment holds anomalous sound (for whole-clip labels, or ≥ 0.3 s of a synthetic ground-truth interval).
/// </summary>
internal static class WatchEvidence
{
    public sealed record Clip(string Path, bool Anomalous, IReadOnlyList<double[]> AnomalousIntervals);

    public sealed record Counts(int NormalSegments, int FalseAlarms, int AnomalousSegments, int Flagged, WatchSummary Summary)
    {
        public int Misses => AnomalousSegments - Flagged;

        public double FalseAlarmRate => (double)FalseAlarms / NormalSegments;

        public double DetectionRate => (double)Flagged / AnomalousSegments;

        public override string ToString() =>
            $"{NormalSegments} normal segments: {FalseAlarms} false alarms ({FalseAlarmRate:P1}); {AnomalousSegments} anomalous segments: {Flagged} flagged, {Misses} missed ({DetectionRate:P1} detected); threshold {Summary.Threshold:G4}, mean score {Summary.MeanScore:G4}";
    }

    public static Counts Watch(StftVaeScorer scorer, IReadOnlyList<Clip> clips, SegmentOptions segments)
    {
        var starts = new List<double>();
        var stream = new MemoryStream();
        double t = 0;
        int rate = 0;
        foreach (Clip clip in clips)
        {
            WavAudio audio = WavReader.Read(clip.Path);
            rate = audio.SampleRate;
            float[] mono = audio.Mix();
            stream.Write(StreamSegmenterTests.Encode(mono, PcmEncoding.S16Le));
            starts.Add(t);
            t += (double)mono.Length / rate;
        }
        stream.Position = 0;
        var reader = new PcmFrameReader(stream, new PcmFormat(rate, 1, PcmEncoding.S16Le));
        int normal = 0, falseAlarms = 0, anomalous = 0, flagged = 0;
        WatchSummary summary = SegmentWatcher.Watch(reader, scorer, segments, v =>
        {
            if (v.Skipped) return;
            int c = starts.FindLastIndex(s => s <= v.StartSeconds + 1e-9);
            Clip clip = clips[c];
            double from = v.StartSeconds - starts[c], to = Math.Min(v.EndSeconds - starts[c], from + segments.SegmentSeconds);
            double overlap = !clip.Anomalous ? 0
                : clip.AnomalousIntervals.Count == 0 ? to - from
                : clip.AnomalousIntervals.Sum(i => Math.Max(0, Math.Min(to, i[1]) - Math.Max(from, i[0])));
            if (!clip.Anomalous)
            {
                normal++;
                if (v.Anomalous) falseAlarms++;
            }
            else if (overlap >= 0.3)
            {
                anomalous++;
                if (v.Anomalous) flagged++;
            }
        });
        return new Counts(normal, falseAlarms, anomalous, flagged, summary);
    }
}
