using System.Globalization;
using AnomalyLab.Audio;

namespace AnomalyLab.Streaming;

/// <summary>
/// The text <c>anomalylab watch</c> prints: a <c>#</c> header, a tab-separated column line, one line per segment
/// (<c>start_s end_s score verdict</c>, scores <c>G6</c>, "-" for a skipped segment) and a summary line. Invariant culture,
/// so a log parses the same on every machine.
/// </summary>
public static class WatchText
{
    /// <summary>The column line: <c>start_s	end_s	score	verdict</c>.</summary>
    public const string Columns = "start_s\tend_s\tscore\tverdict";

    /// <summary>
    /// <c># source: 16000 Hz, 1 ch, S16Le; segments 2 s, overlap 0 s; threshold 0.123456 (mean-std:2)</c>: the input, the
    /// segmentation and the threshold with its policy.
    /// </summary>
    public static string Header(string source, PcmFormat format, SegmentOptions segments, double threshold, string policy) =>
        string.Create(CultureInfo.InvariantCulture,
            $"# {source}: {format.SampleRate} Hz, {format.Channels} ch, {format.Encoding}; segments {segments.SegmentSeconds:G} s, overlap {segments.OverlapSeconds:G} s; threshold {threshold:G6} ({policy})");

    /// <summary>One segment: start and end in seconds (<c>F3</c>), score, verdict (with " (partial)" for a final partial segment).</summary>
    public static string Line(SegmentVerdict verdict)
    {
        string score = verdict.Skipped ? "-" : verdict.Score.ToString("G6", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{verdict.StartSeconds:F3}\t{verdict.EndSeconds:F3}\t{score}\t{verdict.Label}{(verdict.Partial ? " (partial)" : "")}");
    }

    /// <summary><c>summary: N segments, A anomalies, mean score S, K skipped</c> ("-" for the mean when nothing was scored).</summary>
    public static string Summary(WatchSummary summary) => string.Create(CultureInfo.InvariantCulture,
        $"summary: {summary.Segments} segments, {summary.Anomalies} anomalies, mean score {(double.IsNaN(summary.MeanScore) ? "-" : summary.MeanScore.ToString("G6", CultureInfo.InvariantCulture))}, {summary.Skipped} skipped");
}
