using AnomalyLab.Metrics;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Metrics;

public sealed class MetricsTableTests
{
    [Theory]
    [InlineData("normal_id_02_00000001.wav", "id_02")]
    [InlineData("test/anomaly_id_06_00000123.wav", "id_06")]
    [InlineData("section_01_source_test_normal_0001.wav", "section_01")]
    [InlineData("clip7.wav", ScoredClip.NoMachineId)]
    public void Machine_ids_are_parsed_from_dcase_file_names(string file, string id) => Assert.Equal(id, ScoredClip.MachineIdOf(file));

    [Fact]
    public void Per_id_metrics_and_both_averages_are_computed()
    {
        var clips = new List<ScoredClip>
        {
            ScoredClip.FromFile("normal_id_00_0.wav", 0.1, false), ScoredClip.FromFile("normal_id_00_1.wav", 0.2, false),
            ScoredClip.FromFile("anomaly_id_00_0.wav", 0.9, true), ScoredClip.FromFile("anomaly_id_00_1.wav", 0.8, true),
            ScoredClip.FromFile("normal_id_02_0.wav", 0.5, false), ScoredClip.FromFile("normal_id_02_1.wav", 0.2, false),
            ScoredClip.FromFile("anomaly_id_02_0.wav", 0.3, true), ScoredClip.FromFile("anomaly_id_02_1.wav", 0.8, true),
        };
        MetricsTable table = MetricsTable.Evaluate(clips);
        Assert.Equal(["id_00", "id_02"], table.Rows.Select(r => r.MachineId));
        Assert.Equal(1.0, table.Rows[0].Auc);
        Assert.Equal(0.75, table.Rows[1].Auc, 12);
        Assert.Equal(0.875, table.ArithmeticMean.Auc, 12);
        Assert.Equal(2 / (1 / 1.0 + 1 / 0.75), table.HarmonicMean.Auc, 12);
        Assert.Equal(2, table.Rows[1].Normals);
        Assert.StartsWith("id,AUC,pAUC,normals,anomalies\nid_00,1,1,2,2\n", table.ToCsv());
    }

    [Fact]
    public void An_id_without_anomalies_is_named_in_the_error()
    {
        var clips = new List<ScoredClip> { ScoredClip.FromFile("normal_id_04_0.wav", 0.1, false), ScoredClip.FromFile("normal_id_04_1.wav", 0.3, false) };
        var error = Assert.Throws<ArgumentException>(() => MetricsTable.Evaluate(clips));
        Assert.Contains("id_04", error.Message);
    }

    [Fact]
    public void Scores_csv_round_trips_and_bad_cells_name_line_and_column()
    {
        using var temp = new TempFolder();
        string path = temp.File("scores.csv");
        var clips = new[] { ScoredClip.FromFile("normal_id_00_0.wav", 0.1 / 3, false), ScoredClip.FromFile("anomaly_id_00_0.wav", 1e-300, true) };
        ScoresCsv.Write(path, clips);
        Assert.Equal(clips, ScoresCsv.Read(path));

        File.WriteAllText(path, "file,score,label\na.wav,0.5,0\nb.wav,abc,1\n");
        var error = Assert.Throws<InvalidDataException>(() => ScoresCsv.Read(path));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("'score'", error.Message);

        File.WriteAllText(path, "file,score\na.wav,0.5\n");
        Assert.Contains("'label'", Assert.Throws<InvalidDataException>(() => ScoresCsv.Read(path)).Message);

        File.WriteAllText(path, "file,score,label\na.wav,0.5,0,7\n");
        Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => ScoresCsv.Read(path)).Message);
    }
}
