using AnomalyLab.Audio;
using AnomalyLab.Models.StftVae;
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
        var recording = ConcatenatedRecording.Of(clips.Select(c => c.Path).ToArray());
        PcmFrameReader reader = recording.OpenReader();
        int normal = 0, falseAlarms = 0, anomalous = 0, flagged = 0;
        WatchSummary summary = SegmentWatcher.Watch(reader, scorer, segments, v =>
        {
            if (v.Skipped) return;
            int c = recording.ClipAt(v.StartSeconds);
            Clip clip = clips[c];
            double clipStart = recording.Clips[c].StartSeconds;
            double from = v.StartSeconds - clipStart, to = Math.Min(v.EndSeconds - clipStart, from + segments.SegmentSeconds);
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
