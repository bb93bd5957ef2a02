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
