using AnomalyLab.Data;
namespace AnomalyLab.Scoring;

/// <summary>The anomaly score of one test clip.</summary>
/// <param name="Clip">The clip.</param>
/// <param name="Score">Higher = more anomalous.</param>
public sealed record ClipScore(ClipRecord Clip, double Score);
