using System.Globalization;
using System.Text;
using AnomalyLab.Data;
using AnomalyLab.IO;
using AnomalyLab.Metrics;
using AnomalyLab.Training;

namespace AnomalyLab.Scoring;

/// <summary>
/// Scores a machine type's test clips with a <see cref="ReconstructionScorer"/> and writes the DCASE 2020 baseline's
/// per-id score files <c>anomaly_score_&lt;type&gt;_&lt;id&gt;.csv</c> (rows <c>file_name,score</c>, no header) and
/// <c>result.csv</c> (AUC and pAUC per id, their arithmetic and harmonic means; see <see cref="MetricsTable"/>).
/// </summary>
public static class DcaseScoring
{
    /// <summary>Result file name inside the output folder.</summary>
    public const string ResultFileName = EvaluationOutput.ResultFileName;

    /// <summary>
    /// Loads <paramref name="checkpointPath"/>, scores every test clip of <paramref name="machineType"/>, writes the score
    /// files and <c>result.csv</c> as the folder <paramref name="outputFolder"/> (one unit, see <see cref="AtomicFolder"/>; a folder
    /// holding files we did not write is refused unless <paramref name="force"/>), and returns the metrics.
    /// </summary>
    /// <param name="checkpointPath">Workbench checkpoint, or a PyTorch Stage-1 file (needs <paramref name="normalization"/>).</param>
    /// <param name="dataRoot">Dataset root in DCASE layout.</param>
    /// <param name="machineType">Machine type folder.</param>
    /// <param name="outputFolder">Where the score files go.</param>
    /// <param name="device">auto, cpu, cuda, cuda:N.</param>
    /// <param name="progress">Clips scored / total.</param>
    /// <param name="normalization">Input normalisation for a PyTorch file (see <see cref="ModelLoader"/>); ignored for workbench checkpoints.</param>
    /// <param name="force">Replace an output folder that is not ours.</param>
    /// <exception cref="OutputRefusedException">The output folder is not ours and <paramref name="force"/> is false.</exception>
    public static (MetricsTable Metrics, IReadOnlyList<ClipScore> Scores) Evaluate(string checkpointPath, string dataRoot, string machineType, string outputFolder,
        string device = "auto", IProgress<StageProgress>? progress = null, InputNormalization? normalization = null, bool force = false)
    {
        OutputPaths.CheckFolder(outputFolder, [checkpointPath, dataRoot], force);
        using LoadedCheckpoint checkpoint = ModelLoader.Load(checkpointPath, normalization, dataRoot, machineType);
        var scorer = new ReconstructionScorer(checkpoint, device);
        IReadOnlyList<ClipScore> scores = ScoreTestClips(scorer, dataRoot, machineType, progress);
        MetricsTable metrics = Metrics(scores);
        AtomicFolder.Write(outputFolder, "anomalylab evaluate", staging =>
        {
            WriteScoreFiles(scores, staging);
            metrics.WriteCsv(Path.Combine(staging, ResultFileName));
        }, force);
        return (metrics, scores);
    }

    /// <summary>AUC / pAUC per machine id of <paramref name="scores"/>.</summary>
    public static MetricsTable Metrics(IReadOnlyList<ClipScore> scores) =>
        MetricsTable.Evaluate(scores.Select(s => new ScoredClip(Path.GetFileName(s.Clip.Path), s.Score, s.Clip.IsAnomaly, s.Clip.MachineId)).ToArray());

    /// <summary>Scores every test clip of <paramref name="machineType"/> under <paramref name="dataRoot"/> (sorted by name).</summary>
    public static IReadOnlyList<ClipScore> ScoreTestClips(ReconstructionScorer scorer, string dataRoot, string machineType, IProgress<StageProgress>? progress = null)
    {
        var clips = DatasetScanner.ListDcase2020(dataRoot, machineType, DataSplit.Test);
        var scores = new List<ClipScore>(clips.Count);
        foreach (ClipRecord clip in clips)
        {
            scores.Add(new ClipScore(clip, scorer.ScoreFile(clip.Path)));
            progress?.Report(new StageProgress($"{machineType}: scoring", scores.Count, clips.Count));
        }
        return scores;
    }

    /// <summary>Writes one <c>anomaly_score_&lt;type&gt;_&lt;id&gt;.csv</c> per machine id into <paramref name="folder"/>; returns the paths.</summary>
    public static IReadOnlyList<string> WriteScoreFiles(IReadOnlyList<ClipScore> scores, string folder)
    {
        var paths = new List<string>();
        foreach (var group in scores.GroupBy(s => (s.Clip.MachineType, s.Clip.MachineId)).OrderBy(g => g.Key.MachineId, StringComparer.Ordinal))
        {
            var text = new StringBuilder();
            foreach (ClipScore s in group)
                text.Append(Path.GetFileName(s.Clip.Path)).Append(',').Append(s.Score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            string path = Path.Combine(folder, $"anomaly_score_{group.Key.MachineType}_{group.Key.MachineId}.csv");
            AtomicFile.WriteAllText(path, text.ToString());
            paths.Add(path);
        }
        return paths;
    }
}
