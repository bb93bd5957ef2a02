namespace AnomalyLab.Detectors;

/// <summary>A threshold as stored in a model file.</summary>
/// <param name="Policy">The policy in CLI form, e.g. <c>mean-std:2</c>.</param>
/// <param name="Value">Flag a segment when its score is greater than this (mean squared reconstruction error of the [0, 1] patch).</param>
/// <param name="Method">Human-readable derivation, e.g. <c>mean + 2σ</c>.</param>
/// <param name="CalibrationSource"><c>training</c> (training files' segments) or <c>held-out</c> (held-out normal files).</param>
/// <param name="CalibrationCount">Scores the threshold was computed from.</param>
public sealed record StoredThreshold(string Policy, double Value, string Method, string CalibrationSource, int CalibrationCount);
