using AnomalyLab.Masks;
using AnomalyLab.Metrics;
using AnomalyLab.Streaming;
using AnomalyLab.Studies;
using Microsoft.Data.Analysis;

namespace AnomalyLab.Reports;

/// <summary>
/// Results as <see cref="DataFrame"/>s — one row per machine id, clip or segment, typed columns with snake_case names — to
/// filter, sort, join and save as CSV the way pandas users work (<c>DataFrame.SaveCsv</c>). Column names match the CSV files
/// the CLI writes (summary.csv, agreement.csv, scores CSV), so a frame and a file read the same.
/// </summary>
public static class ResultFrames
{
    /// <summary>
    /// One row per machine id with every scalar key of <see cref="StudySummary.Entries"/> (summary.csv's columns without the
    /// per-band / per-frame arrays): strings as string columns, counts as <c>int</c>, the rest <c>double</c>; keys an id does not
    /// have (ground truth on real data) are null.
    /// </summary>
    public static DataFrame ToDataFrame(this StudyResult result)
    {
        var rows = result.Ids.Select(s => StudySummary.Entries(s, result.Features).Where(e => e.Value is not double[]).ToDictionary(e => e.Key, e => e.Value)).ToList();
        var keys = new List<string>();
        foreach (var row in rows)
            foreach (string key in row.Keys)
                if (!keys.Contains(key)) keys.Add(key);
        var columns = new List<DataFrameColumn>();
        foreach (string key in keys)
        {
            object? sample = rows.Select(r => r.GetValueOrDefault(key)).FirstOrDefault(v => v is not null);
            columns.Add(sample switch
            {
                string => new StringDataFrameColumn(key, rows.Select(r => r.GetValueOrDefault(key) as string)),
                int => new Int32DataFrameColumn(key, rows.Select(r => r.GetValueOrDefault(key) is int i ? i : (int?)null)),
                _ => new DoubleDataFrameColumn(key, rows.Select(r => r.GetValueOrDefault(key) is double d ? d : (double?)null)),
            });
        }
        return new DataFrame(columns);
    }

    /// <summary>One row per machine id: <c>machine_id, auc, pauc, normals, anomalies</c> (the means are left to the frame: <c>frame["auc"].Mean()</c>).</summary>
    public static DataFrame ToDataFrame(this MetricsTable metrics) => new(MetricsColumns(metrics.Rows));

    /// <summary>One row per (model, machine id): <c>model, machine_id, auc, pauc, normals, anomalies</c>, models in the dictionary's order.</summary>
    public static DataFrame ToDataFrame(this IReadOnlyDictionary<string, MetricsTable> metricsByModel)
    {
        var rows = metricsByModel.SelectMany(m => m.Value.Rows.Select(r => (Model: m.Key, Row: r))).ToArray();
        return new DataFrame([new StringDataFrameColumn("model", rows.Select(r => r.Model)), .. MetricsColumns(rows.Select(r => r.Row).ToArray())]);
    }

    /// <summary>The per-id metric columns: <c>machine_id, auc, pauc, normals, anomalies</c>.</summary>
    private static DataFrameColumn[] MetricsColumns(IReadOnlyList<MachineMetrics> rows) =>
    [
        new StringDataFrameColumn("machine_id", rows.Select(r => r.MachineId)),
        new DoubleDataFrameColumn("auc", rows.Select(r => r.Auc)),
        new DoubleDataFrameColumn("pauc", rows.Select(r => r.PartialAuc)),
        new Int32DataFrameColumn("normals", rows.Select(r => r.Normals)),
        new Int32DataFrameColumn("anomalies", rows.Select(r => r.Anomalies)),
    ];

    /// <summary>One row per (preset, machine id): <c>preset, machine_id, mel, time, run_length, band_width, score</c> (agreement.csv's columns).</summary>
    public static DataFrame ToDataFrame(this IEnumerable<AgreementScore> scores)
    {
        AgreementScore[] all = scores.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("preset", all.Select(s => s.Preset)),
            new StringDataFrameColumn("machine_id", all.Select(s => s.MachineId)),
            new DoubleDataFrameColumn("mel", all.Select(s => s.Mel)),
            new DoubleDataFrameColumn("time", all.Select(s => s.Time)),
            new DoubleDataFrameColumn("run_length", all.Select(s => s.RunLength)),
            new DoubleDataFrameColumn("band_width", all.Select(s => s.BandWidth)),
            new DoubleDataFrameColumn("score", all.Select(s => s.Score)));
    }

    /// <summary>One row per scored test clip: <c>file, machine_id, score, anomalous</c> (score: higher = more anomalous).</summary>
    public static DataFrame ToDataFrame(this IEnumerable<ScoredClip> clips)
    {
        ScoredClip[] all = clips.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("file", all.Select(c => c.File)),
            new StringDataFrameColumn("machine_id", all.Select(c => c.MachineId)),
            new DoubleDataFrameColumn("score", all.Select(c => c.Score)),
            new BooleanDataFrameColumn("anomalous", all.Select(c => c.Anomalous)));
    }

    /// <summary>One row per watched segment: <c>index, start_seconds, end_seconds, score, anomalous, partial, skipped</c>.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<SegmentVerdict> verdicts)
    {
        SegmentVerdict[] all = verdicts.ToArray();
        return new DataFrame(
            new Int32DataFrameColumn("index", all.Select(v => v.Index)),
            new DoubleDataFrameColumn("start_seconds", all.Select(v => v.StartSeconds)),
            new DoubleDataFrameColumn("end_seconds", all.Select(v => v.EndSeconds)),
            new DoubleDataFrameColumn("score", all.Select(v => v.Score)),
            new BooleanDataFrameColumn("anomalous", all.Select(v => v.Anomalous)),
            new BooleanDataFrameColumn("partial", all.Select(v => v.Partial)),
            new BooleanDataFrameColumn("skipped", all.Select(v => v.Skipped)));
    }
}
