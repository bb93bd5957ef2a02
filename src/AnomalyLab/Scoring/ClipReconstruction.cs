namespace AnomalyLab.Scoring;

/// <summary>
/// A model's view of one clip, all <c>[n_mels, frames]</c> in normalised units ((dB − mean) / std of the training set).
/// </summary>
/// <param name="Input">The normalised log-mel the model saw.</param>
/// <param name="Reconstruction">Its reconstruction (overlapping windows / context vectors averaged per cell).</param>
/// <param name="Residual">Per-cell squared error (input − reconstruction)², averaged over the samples covering the cell.</param>
/// <param name="Score">Anomaly score, higher = more anomalous: mean squared error of the clip's samples (DCASE 2020 baseline for the dense AE: mean over context vectors).</param>
public sealed record ClipReconstruction(float[,] Input, float[,] Reconstruction, float[,] Residual, double Score);
