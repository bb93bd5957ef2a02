using AnomalyLab.Data;
using AnomalyLab.IO;

namespace AnomalyLab.Studies;

/// <summary>
/// Writes a study's files as one folder, written aside and moved into place as a unit (<see cref="AtomicFolder"/>): <c>summary.json</c>, <c>summary.csv</c>, the report
/// <c>index.html</c>, and the maps of every id as NumPy arrays <c>maps/&lt;type&gt;__&lt;id&gt;__&lt;map&gt;.npy</c>
/// (float32 <c>[n_mels, frames]</c>; map = mean_normal, mean_anomaly, difference, localization, normal_variability,
/// excess, residual_normal, residual_anomaly, and ground_truth when known).
/// </summary>
public static class StudyOutput
{
    /// <summary>
    /// Writes everything for <paramref name="result"/> as the folder <paramref name="folder"/>, replacing a previous study
    /// folder of ours whole (no maps of other ids survive); a folder holding other files is refused unless <paramref name="force"/>.
    /// </summary>
    /// <exception cref="OutputRefusedException">The folder holds files we did not write (and no <paramref name="force"/>), or is a link.</exception>
    public static void Write(string folder, StudyResult result, bool force = false) =>
        AtomicFolder.Write(folder, "anomalylab study", staging => WriteContent(staging, result), force);

    private static void WriteContent(string folder, StudyResult result)
    {
        StudySummary.Write(folder, result.Ids, result.Features);
        StudyReport.Build(result).Write(Path.Combine(folder, "index.html"));
        string maps = Path.Combine(folder, "maps");
        foreach (MachineIdStudy s in result.Ids)
            foreach (var (name, map) in Maps(s))
                AtomicFile.Write(Path.Combine(maps, $"{s.MachineType}__{s.MachineId}__{name}.npy"), stream => NpyFile.WriteTo(stream, MeanSpectrogram.ToFloat(map)));
    }

    /// <summary>The named maps of one id, in report order.</summary>
    public static IEnumerable<(string Name, double[,] Map)> Maps(MachineIdStudy s)
    {
        yield return ("mean_normal", s.MeanNormal);
        yield return ("mean_anomaly", s.MeanAnomaly);
        yield return ("difference", s.Difference);
        yield return ("localization", s.Localization);
        yield return ("normal_variability", s.NormalVariability);
        yield return ("excess", s.ExcessLocalization);
        yield return ("residual_normal", s.NormalResidual.Map);
        yield return ("residual_anomaly", s.AnomalyResidual.Map);
        if (s.GroundTruthFrequency is { } truth) yield return ("ground_truth", truth);
    }
}
