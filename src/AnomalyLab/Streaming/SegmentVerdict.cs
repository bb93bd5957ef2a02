namespace AnomalyLab.Streaming;

/// <summary>The outcome for one segment of a watched stream.</summary>
/// <param name="Index">0-based segment number.</param>
/// <param name="StartSeconds">Segment start, seconds from the start of the stream.</param>
/// <param name="EndSeconds">Segment end (exclusive), seconds.</param>
/// <param name="Score">Mean squared reconstruction error; NaN for a skipped segment.</param>
/// <param name="Anomalous">Score above the model's threshold.</param>
/// <param name="Partial">The final, shorter segment.</param>
/// <param name="Skipped">A final partial segment below the minimum length: not scored.</param>
public sealed record SegmentVerdict(int Index, double StartSeconds, double EndSeconds, double Score, bool Anomalous, bool Partial, bool Skipped)
{
    /// <summary><c>anomaly</c>, <c>normal</c> or <c>skipped</c>.</summary>
    public string Label => Skipped ? "skipped" : Anomalous ? "anomaly" : "normal";
}

/// <summary>Totals of a watched stream.</summary>
/// <param name="Segments">Scored segments.</param>
/// <param name="Anomalies">Scored segments above the threshold.</param>
/// <param name="MeanScore">Mean score of the scored segments (NaN when none).</param>
/// <param name="Skipped">Segments reported but not scored (a short final partial).</param>
/// <param name="DanglingBytes">Bytes of an incomplete final sample frame that were ignored.</param>
/// <param name="Threshold">The model's threshold.</param>
public sealed record WatchSummary(int Segments, int Anomalies, double MeanScore, int Skipped, int DanglingBytes, double Threshold);
