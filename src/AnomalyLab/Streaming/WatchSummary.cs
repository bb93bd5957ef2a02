namespace AnomalyLab.Streaming;

/// <summary>Totals of a watched stream.</summary>
/// <param name="Segments">Scored segments.</param>
/// <param name="Anomalies">Scored segments above the threshold.</param>
/// <param name="MeanScore">Mean score of the scored segments (NaN when none).</param>
/// <param name="Skipped">Segments reported but not scored (a short final partial).</param>
/// <param name="DanglingBytes">Bytes of an incomplete final sample frame that were ignored.</param>
/// <param name="Threshold">The model's threshold.</param>
public sealed record WatchSummary(int Segments, int Anomalies, double MeanScore, int Skipped, int DanglingBytes, double Threshold);
