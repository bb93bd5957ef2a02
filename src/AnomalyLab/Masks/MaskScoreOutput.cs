using System.Globalization;
using System.Text;
using AnomalyLab.IO;

namespace AnomalyLab.Masks;

/// <summary>
/// The <c>masks score --out</c> folder: <c>agreement.csv</c> (one row per preset × machine id), <c>verdict.csv</c> (one row per
/// verdict scope, with the bootstrap seed) and <c>index.html</c> (<see cref="MaskReports.Agreement"/>), written as one unit.
/// Numbers are invariant-culture round-trip (<c>R</c>) text.
/// </summary>
public static class MaskScoreOutput
{
    /// <summary>File names inside the folder.</summary>
    public const string AgreementFileName = "agreement.csv", VerdictFileName = "verdict.csv", ReportFileName = "index.html";

    /// <summary>
    /// <c>agreement.csv</c>: header <c>preset,machine_id,mel,time,run_length,band_width,score</c>, then one row per score of
    /// <paramref name="comparison"/> (agreement parts in [0, 1]).
    /// </summary>
    public static string AgreementCsv(PresetComparison comparison)
    {
        var csv = new StringBuilder("preset,machine_id,mel,time,run_length,band_width,score\n");
        foreach (var s in comparison.Scores)
            csv.Append(CultureInfo.InvariantCulture, $"{s.Preset},{s.MachineId},{s.Mel:R},{s.Time:R},{s.RunLength:R},{s.BandWidth:R},{s.Score:R}\n");
        return csv.ToString();
    }

    /// <summary>
    /// <c>verdict.csv</c>: header <c>scope,best,best_score,runner_up,runner_up_score,margin,low,high,replicates,seed,wins</c>, then
    /// one row per <see cref="PresetComparison.Verdicts"/> (scope quoted; <c>seed</c> is the bootstrap's).
    /// </summary>
    public static string VerdictCsv(PresetComparison comparison)
    {
        var verdicts = new StringBuilder("scope,best,best_score,runner_up,runner_up_score,margin,low,high,replicates,seed,wins\n");
        foreach (var v in comparison.Verdicts())
            verdicts.Append(CultureInfo.InvariantCulture, $"\"{v.Scope}\",{v.Best},{v.BestScore:R},{v.RunnerUp},{v.RunnerUpScore:R},{v.Margin:R},{v.Low:R},{v.High:R},{v.Replicates},{comparison.Bootstrap.Seed},{(v.Wins ? "true" : "false")}\n");
        return verdicts.ToString();
    }

    /// <summary>
    /// Writes the three files into <paramref name="folder"/> through <see cref="AtomicFolder"/>: everything is computed first, so
    /// the folder appears complete or not at all. <paramref name="force"/> replaces an earlier AnomalyLab output folder.
    /// </summary>
    public static void Write(string folder, PresetComparison comparison, bool force = false)
    {
        string agreement = AgreementCsv(comparison), verdicts = VerdictCsv(comparison);
        var report = MaskReports.Agreement(comparison);
        AtomicFolder.Write(folder, "anomalylab masks score", staging =>
        {
            AtomicFile.WriteAllText(Path.Combine(staging, AgreementFileName), agreement);
            AtomicFile.WriteAllText(Path.Combine(staging, VerdictFileName), verdicts);
            report.Write(Path.Combine(staging, ReportFileName));
        }, force);
    }
}
