using AnomalyLab.IO;
using AnomalyLab.Metrics;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Metrics;

public sealed class EvaluationOutputTests
{
    private const string Scores = "file,score,label\nnormal_id_00_0.wav,0.1,0\nanomaly_id_00_0.wav,0.9,1\nnormal_id_02_0.wav,0.6,0\nanomaly_id_02_0.wav,0.4,1\n";

    [Fact]
    public void Without_a_folder_result_csv_goes_beside_the_scores()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("in"));
        File.WriteAllText(temp.File("in", "scores.csv"), Scores);
        (MetricsTable table, string path) = EvaluationOutput.Write(temp.File("in", "scores.csv"), folder: null);
        Assert.Equal(temp.File("in", EvaluationOutput.ResultFileName), path);
        Assert.Equal(table.ToCsv(), File.ReadAllText(path));
        Assert.Equal(["id_00", "id_02"], table.Rows.Select(r => r.MachineId));
    }

    [Fact]
    public void With_a_folder_result_csv_is_written_as_one_unit_and_a_foreign_folder_is_refused()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("scores.csv"), Scores);
        (MetricsTable table, string path) = EvaluationOutput.Write(temp.File("scores.csv"), temp.File("out"));
        Assert.Equal(temp.File("out", "result.csv"), path);
        Assert.Equal(table.ToCsv(), File.ReadAllText(path));
        EvaluationOutput.Write(temp.File("scores.csv"), temp.File("out")); // ours: replaced without --force

        Directory.CreateDirectory(temp.File("mine"));
        File.WriteAllText(temp.File("mine", "notes.txt"), "user file");
        Assert.Throws<OutputRefusedException>(() => EvaluationOutput.Write(temp.File("scores.csv"), temp.File("mine")));
        Assert.True(File.Exists(temp.File("mine", "notes.txt")));
    }

    [Fact]
    public void Scores_named_result_csv_are_never_overwritten()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("result.csv"), Scores);
        Assert.Throws<OutputRefusedException>(() => EvaluationOutput.Write(temp.File("result.csv"), folder: null));
        Assert.Equal(Scores, File.ReadAllText(temp.File("result.csv")));
    }
}
