namespace AnomalyLab.Masks;

/// <summary>
/// Agreement of one mask preset with one machine id's real anomalies, all in [0, 1] (1 = same distribution): <see cref="Mel"/> and
/// <see cref="Time"/> compare the position profiles, <see cref="RunLength"/> and <see cref="BandWidth"/> the extent distributions
/// (NaN when not measured), and <see cref="Score"/> is their weighted mean (<see cref="AgreementOptions"/>).
/// </summary>
public sealed record AgreementScore(string Preset, string MachineId, double Mel, double Time, double RunLength, double BandWidth, double Score);
