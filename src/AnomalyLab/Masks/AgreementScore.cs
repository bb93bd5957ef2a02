namespace AnomalyLab.Masks;

/// <summary>
/// Agreement of one mask preset with one machine id's real anomalies: <see cref="Mel"/> and <see cref="Time"/> similarities
/// (1 − normalised W₁ of the profiles) and their weighted mean <see cref="Score"/>, all in [0, 1] (1 = same profiles).
/// </summary>
public sealed record AgreementScore(string Preset, string MachineId, double Mel, double Time, double Score);
