using System.Text.RegularExpressions;

namespace AnomalyLab.Metrics;

/// <summary>One scored test clip: its file name, anomaly score (higher = more anomalous), label and machine id.</summary>
/// <param name="File">File name or path as written in the scores CSV.</param>
/// <param name="Score">Anomaly score, higher = more anomalous.</param>
/// <param name="Anomalous">True for an anomalous clip (label 1), false for normal (label 0).</param>
/// <param name="MachineId">Machine id such as <c>id_00</c>, parsed from the file name; <c>all</c> when the name has none.</param>
public sealed partial record ScoredClip(string File, double Score, bool Anomalous, string MachineId)
{
    /// <summary>The id used for clips whose file name carries no <c>id_XX</c> / <c>section_XX</c>.</summary>
    public const string NoMachineId = "all";

    /// <summary>A clip whose machine id is parsed from <paramref name="file"/>.</summary>
    public static ScoredClip FromFile(string file, double score, bool anomalous) => new(file, score, anomalous, MachineIdOf(file));

    /// <summary>
    /// The machine id in a DCASE file name: <c>id_XX</c> (DCASE 2020, <c>normal_id_00_00000000.wav</c>) or
    /// <c>section_XX</c> (DCASE 2021+); <see cref="NoMachineId"/> when neither appears.
    /// </summary>
    public static string MachineIdOf(string file)
    {
        string name = Path.GetFileName(file);
        Match match = IdPattern().Match(name);
        return match.Success ? match.Value : NoMachineId;
    }

    [GeneratedRegex(@"(id|section)_\d+")]
    private static partial Regex IdPattern();
}
