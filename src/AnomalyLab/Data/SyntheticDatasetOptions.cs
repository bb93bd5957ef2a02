using AnomalyLab.Features;

namespace AnomalyLab.Data;

/// <summary>
/// Size and content of the synthetic dataset (DCASE 2020 layout). Defaults: machine types fan and pump, ids 0, 2, 4,
/// per id 30 train normal, 20 test normal, 20 test anomaly clips of 10 s at 16 kHz — small enough for a one-minute study
/// on 2 cores, large enough for per-id statistics.
/// </summary>
public sealed record SyntheticDatasetOptions
{
    /// <summary>Base seed; the same seed gives byte-identical files. Default 2020.</summary>
    public int Seed { get; init; } = 2020;

    /// <summary>Machine types (folder names). Default fan, pump.</summary>
    public IReadOnlyList<string> MachineTypes { get; init; } = ["fan", "pump"];

    /// <summary>Machine id numbers, written as <c>id_XX</c>. Default 0, 2, 4.</summary>
    public IReadOnlyList<int> MachineIds { get; init; } = [0, 2, 4];

    /// <summary>Normal training clips per id. Default 30.</summary>
    public int TrainClipsPerId { get; init; } = 30;

    /// <summary>Normal test clips per id. Default 20.</summary>
    public int TestNormalClipsPerId { get; init; } = 20;

    /// <summary>Anomalous test clips per id. Default 20.</summary>
    public int TestAnomalyClipsPerId { get; init; } = 20;

    /// <summary>Clip duration, seconds. Default 10.</summary>
    public double DurationSeconds { get; init; } = 10.0;

    /// <summary>Sample rate, Hz. Default 16000.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>RMS of a normal clip before per-clip variation (full scale = 1). Default 0.05 (−26 dBFS).</summary>
    public double NormalRms { get; init; } = 0.05;

    /// <summary>
    /// RMS of the anomaly inside its time segments relative to the clip's normal RMS, dB. Default −7 dB: far below the
    /// machine's own level overall, but dominant inside the anomaly's mel band where the normal sound is weak.
    /// </summary>
    public double AnomalyLevelDb { get; init; } = -7.0;

    /// <summary>Feature grid of the ground-truth masks (<c>[n_mels, frames]</c>). Default <see cref="LogMelOptions.Torchaudio"/> (128 × 313).</summary>
    public LogMelOptions MaskGrid { get; init; } = LogMelOptions.Torchaudio;

    /// <summary>The default dataset.</summary>
    public static SyntheticDatasetOptions Default { get; } = new();

    /// <summary>Checks every field; one message names all problems.</summary>
    /// <exception cref="ArgumentException">Inconsistent settings.</exception>
    public SyntheticDatasetOptions Validate()
    {
        var problems = new List<string>();
        if (MachineTypes.Count == 0) problems.Add("at least one machine type is needed");
        if (MachineTypes.Any(t => string.IsNullOrWhiteSpace(t) || t.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || t.Contains("__", StringComparison.Ordinal)))
            problems.Add("machine types must be plain folder names without '__'");
        if (MachineIds.Count == 0 || MachineIds.Any(i => i is < 0 or > 99)) problems.Add("machine ids must be 0..99 and at least one");
        if (MachineIds.Distinct().Count() != MachineIds.Count) problems.Add("machine ids must be distinct");
        if (TrainClipsPerId < 1 || TestNormalClipsPerId < 1 || TestAnomalyClipsPerId < 1) problems.Add("every clip count must be at least 1");
        if (!(DurationSeconds is >= 3 and <= 60)) problems.Add($"DurationSeconds must be 3..60 (got {DurationSeconds})");
        if (SampleRate < 8000) problems.Add($"SampleRate must be at least 8000 Hz (got {SampleRate})");
        if (!(NormalRms is > 0 and <= 0.3)) problems.Add($"NormalRms must be in (0, 0.3] (got {NormalRms})");
        if (!double.IsFinite(AnomalyLevelDb)) problems.Add($"AnomalyLevelDb must be a finite number (got {AnomalyLevelDb})");
        if (MaskGrid.SampleRate != SampleRate) problems.Add($"MaskGrid.SampleRate {MaskGrid.SampleRate} differs from SampleRate {SampleRate}");
        if (problems.Count > 0) throw new ArgumentException("Invalid synthetic dataset options: " + string.Join("; ", problems) + ".");
        return this;
    }
}
