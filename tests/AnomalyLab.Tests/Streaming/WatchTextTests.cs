using AnomalyLab.Audio;
using AnomalyLab.Streaming;

namespace AnomalyLab.Tests.Streaming;

/// <summary>The lines <c>anomalylab watch</c> prints, formatted by the library.</summary>
public sealed class WatchTextTests
{
    [Fact]
    public void Header_segment_lines_and_summary_are_invariant_tab_separated_text()
    {
        var segments = new SegmentOptions { SegmentSeconds = 2, OverlapSeconds = 0.5 };
        Assert.Equal("# a.wav: 16000 Hz, 1 ch, S16Le; segments 2 s, overlap 0.5 s; threshold 0.123457 (mean-std:2)",
            WatchText.Header("a.wav", new PcmFormat(16000, 1, PcmEncoding.S16Le), segments, 0.1234567, "mean-std:2"));
        Assert.Equal("start_s\tend_s\tscore\tverdict", WatchText.Columns);
        Assert.Equal("1.500\t3.500\t0.25\tanomaly (partial)", WatchText.Line(new SegmentVerdict(1, 1.5, 3.5, 0.25, true, true, false)));
        Assert.Equal("0.000\t2.000\t-\tskipped", WatchText.Line(new SegmentVerdict(0, 0, 2, double.NaN, false, false, true)));
        Assert.Equal("summary: 3 segments, 1 anomalies, mean score -, 3 skipped", WatchText.Summary(new WatchSummary(3, 1, double.NaN, 3, 0, 0.1)));
    }
}
