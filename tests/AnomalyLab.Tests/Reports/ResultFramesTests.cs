using AnomalyLab.Masks;
using AnomalyLab.Metrics;
using AnomalyLab.Reports;
using AnomalyLab.Streaming;
using AnomalyLab.Studies;
using Microsoft.Data.Analysis;

namespace AnomalyLab.Tests.Reports;

/// <summary>Issue 18: results as typed DataFrames (one row per id / clip / segment) and their sortable HTML table.</summary>
public sealed class ResultFramesTests
{
    private static void AssertColumn<T>(DataFrame frame, string name) =>
        Assert.True(frame.Columns[name].DataType == typeof(T), $"column {name} is {frame.Columns[name].DataType.Name}, expected {typeof(T).Name}");

    [Fact]
    public void A_study_becomes_one_row_per_id_with_summary_csv_columns_and_types()
    {
        StudyResult result = StudyRunner.Run(new StudyRequest { MachineTypes = ["fan"] });
        DataFrame frame = result.ToDataFrame();
        Assert.Equal(result.Ids.Count, frame.Rows.Count);
        AssertColumn<string>(frame, "machine_id");
        AssertColumn<int>(frame, "n_normal");
        AssertColumn<int>(frame, "peak_mel");
        AssertColumn<double>(frame, "peak_hz");
        AssertColumn<double>(frame, "excess_peak_seconds");
        AssertColumn<double>(frame, "gt_iou");
        Assert.DoesNotContain(frame.Columns, c => c.Name == "band_mean_normal"); // arrays stay in summary.csv / .npy
        string csvHeader = StudySummary.ToCsv(result.Ids, result.Features).Split('\n')[0];
        Assert.All(frame.Columns, c => Assert.Contains(c.Name, csvHeader.Split(',')));
        Assert.Equal(result.Ids[1].MachineId, frame.Columns["machine_id"][1]);
        Assert.Equal(result.Ids[1].GroundTruthOverlap!.Iou, (double)frame.Columns["gt_iou"][1]!);
        DataFrame sorted = frame.OrderByDescending("gt_iou");
        Assert.Equal(result.Ids.Max(s => s.GroundTruthOverlap!.Iou), (double)sorted.Columns["gt_iou"][0]!);
    }

    [Fact]
    public void Metrics_agreement_scores_and_watch_verdicts_become_typed_frames()
    {
        var metrics = MetricsTable.Evaluate(
        [
            ScoredClip.FromFile("normal_id_00_0.wav", 0.1, false), ScoredClip.FromFile("anomaly_id_00_0.wav", 0.9, true),
            ScoredClip.FromFile("normal_id_02_0.wav", 0.7, false), ScoredClip.FromFile("anomaly_id_02_0.wav", 0.2, true),
        ]);
        DataFrame m = metrics.ToDataFrame();
        Assert.Equal(["machine_id", "auc", "pauc", "normals", "anomalies"], m.Columns.Select(c => c.Name));
        AssertColumn<double>(m, "auc");
        AssertColumn<int>(m, "normals");
        Assert.Equal(metrics.Rows.Select(r => r.Auc), m.Columns["auc"].Cast<double?>().Select(v => v!.Value));

        DataFrame byModel = new Dictionary<string, MetricsTable> { ["dense-ae"] = metrics, ["vqvae2"] = metrics }.ToDataFrame();
        Assert.Equal(["model", "machine_id", "auc", "pauc", "normals", "anomalies"], byModel.Columns.Select(c => c.Name));
        Assert.Equal(2 * metrics.Rows.Count, byModel.Rows.Count);
        Assert.Equal("vqvae2", byModel.Columns["model"][metrics.Rows.Count]);

        DataFrame a = new[] { new AgreementScore("proposed", "id_00", 0.5, 0.25, 0.75, 0.6, 0.52) }.ToDataFrame();
        Assert.Equal(["preset", "machine_id", "mel", "time", "run_length", "band_width", "score"], a.Columns.Select(c => c.Name));
        AssertColumn<double>(a, "score");

        DataFrame clips = new[] { ScoredClip.FromFile("anomaly_id_04_1.wav", 2.5, true) }.ToDataFrame();
        AssertColumn<bool>(clips, "anomalous");
        Assert.Equal("id_04", clips.Columns["machine_id"][0]);

        DataFrame v = new[] { new SegmentVerdict(0, 0, 1, 0.3, false, false, false), new SegmentVerdict(1, 1, 2, 0.9, true, true, false) }.ToDataFrame();
        Assert.Equal(["index", "start_seconds", "end_seconds", "score", "anomalous", "partial", "skipped"], v.Columns.Select(c => c.Name));
        AssertColumn<int>(v, "index");
        AssertColumn<bool>(v, "anomalous");
        Assert.Equal(true, v.Columns["anomalous"][1]);
    }

    [Fact]
    public void The_html_table_sorts_in_the_page_without_network_and_keeps_exact_numbers_for_sorting()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("machine_id", ["id_10", "id_2"]),
            new DoubleDataFrameColumn("auc", [0.912345678, double.NaN]));
        string html = DataFrameHtml.Render(frame);
        Assert.Contains("onclick=\"anomalylabSortTable(this)\"", html);
        Assert.Contains("window.anomalylabSortTable = window.anomalylabSortTable ||", html);
        Assert.Contains("data-value=\"0.912345678\">0.912346</td>", html);
        Assert.Contains("title=\"Double; click to sort\"", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("src=", html);
        string cut = DataFrameHtml.Render(frame, maxRows: 1);
        Assert.Contains("1 of 2 rows shown", cut);
    }
}
