using AnomalyLab.IO;

namespace AnomalyLab.Metrics;

/// <summary>
/// The DCASE evaluation of a scores CSV (<c>file,score,label</c>, see <see cref="ScoresCsv"/>) written as <c>result.csv</c>
/// (<see cref="MetricsTable.ToCsv"/>): into a folder written as one unit (<see cref="AtomicFolder"/>), or, without a folder,
/// beside the scores file (never over the scores file itself).
/// </summary>
public static class EvaluationOutput
{
    /// <summary>The metrics file's name: <c>result.csv</c>, as in the DCASE 2020 baseline.</summary>
    public const string ResultFileName = "result.csv";

    /// <summary>
    /// Reads <paramref name="scoresPath"/>, computes AUC and pAUC per machine id and their means, and writes
    /// <see cref="ResultFileName"/>. The output is checked (<see cref="OutputPaths"/>) before the scores are read.
    /// </summary>
    /// <param name="scoresPath">Scores CSV (full path).</param>
    /// <param name="folder">Output folder, replaced as one unit; null = <c>result.csv</c> in the scores file's folder.</param>
    /// <param name="force">Replace an output folder holding files anomalylab did not write (only with <paramref name="folder"/>).</param>
    /// <returns>The metrics and the full path of the written <c>result.csv</c>.</returns>
    /// <exception cref="OutputRefusedException">The output is one of the inputs, or a folder not ours without <paramref name="force"/>.</exception>
    /// <exception cref="InvalidDataException">A scores file that does not parse (see <see cref="ScoresCsv.Read"/>).</exception>
    public static (MetricsTable Table, string ResultPath) Write(string scoresPath, string? folder, bool force = false)
    {
        string result;
        if (folder is null)
        {
            // Beside the scores: one file in the user's folder, never the scores file itself.
            result = Path.Combine(Path.GetDirectoryName(scoresPath)!, ResultFileName);
            OutputPaths.CheckFile(result, [scoresPath]);
        }
        else
        {
            OutputPaths.CheckFolder(folder, [scoresPath], force);
            result = Path.Combine(folder, ResultFileName);
        }
        MetricsTable table = MetricsTable.Evaluate(ScoresCsv.Read(scoresPath));
        if (folder is null) table.WriteCsv(result);
        else AtomicFolder.Write(folder, "anomalylab evaluate", staging => table.WriteCsv(Path.Combine(staging, ResultFileName)), force);
        return (table, result);
    }
}
