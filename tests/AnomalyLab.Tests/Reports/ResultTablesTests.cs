using AnomalyLab.Data;
using AnomalyLab.Metrics;
using AnomalyLab.Reports;

namespace AnomalyLab.Tests.Reports;

/// <summary>The tables the CLI prints, built by the library (the CLI only draws them).</summary>
public sealed class ResultTablesTests
{
    [Fact]
    public void Evaluation_lists_each_id_then_an_empty_row_and_both_means()
    {
        var clips = new[]
        {
            ScoredClip.FromFile("normal_id_00_0.wav", 0.1, false), ScoredClip.FromFile("anomaly_id_00_0.wav", 0.9, true),
            ScoredClip.FromFile("normal_id_02_0.wav", 0.6, false), ScoredClip.FromFile("anomaly_id_02_0.wav", 0.4, true),
        };
        var metrics = AnomalyLab.Metrics.MetricsTable.Evaluate(clips);

        var table = ResultTables.Evaluation(metrics);

        Assert.Equal(["id", "AUC", "pAUC (FPR ≤ 0.1)", "normal", "anomalous"], table.Columns.ToArray());
        Assert.Equal(["id_00", "id_02", "", "Average", "Harmonic mean"], table.Rows.Select(r => (string?)r[0] ?? "").ToArray());
        Assert.Equal(1.0, (double)table.Rows[0][1]!);
        Assert.Equal(0.0, (double)table.Rows[1][1]!);
        Assert.Equal(metrics.ArithmeticMean.Auc, (double)table.Rows[3][1]!);
        Assert.Equal("1", table.Rows[0][3]);
    }

    [Fact]
    public void Clips_count_a_scan_by_type_split_id_and_label_and_cache_and_verification_rows_read_in_lower_case()
    {
        var clip = new ClipRecord("fan", "id_00", ClipDomain.None, DataSplit.Test, ClipLabel.Anomaly, "00000000", [], "/x/fan/test/anomaly_id_00_00000000.wav");
        var scan = new DatasetScan("/x", DatasetLayout.Dcase2020, [clip, clip with { ClipNumber = "00000001" }, clip with { Label = ClipLabel.Normal }], new UnmatchedFiles(0, []), []);

        var clips = ResultTables.Clips(scan);
        Assert.Equal("/x (Dcase2020)", clips.Title);
        Assert.Equal([["fan", "test", "id_00", "normal", "1"], ["fan", "test", "id_00", "anomaly", "2"]], clips.Rows.Select(r => r.Cast<string>().ToArray()).ToArray());

        var cache = ResultTables.Cache([new CacheOutcome("fan", DataSplit.Train, CacheStatus.Built, null, "/c/fan.f32")]);
        Assert.Equal(["fan/train", "built", "/c/fan.f32"], cache.Rows[0].Cast<string>().ToArray());
    }
}
