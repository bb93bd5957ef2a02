using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Plots;

/// <summary>ROC curves (false-positive rate on x, true-positive rate on y, both 0–1) with AUC in the legend and the chance diagonal.</summary>
public static class RocCurveChart
{
    /// <summary>Default figure size, pixels (square: the axes share a scale).</summary>
    public const int DefaultSize = 520;

    /// <summary>All <paramref name="curves"/> on one square plot.</summary>
    /// <exception cref="ArgumentException">No curve, or fpr/tpr lengths differ.</exception>
    public static GenericChart Create(IEnumerable<RocSeries> curves, string title = "ROC")
    {
        RocSeries[] all = curves.ToArray();
        if (all.Length == 0) throw new ArgumentException($"ROC chart '{title}' needs at least one curve.", nameof(curves));
        var traces = all.Select(curve =>
        {
            if (curve.FalsePositiveRates.Count != curve.TruePositiveRates.Count)
                throw new ArgumentException($"ROC curve '{curve.Name}' has {curve.FalsePositiveRates.Count} fpr but {curve.TruePositiveRates.Count} tpr values.", nameof(curves));
            return CSharpChart.Line<double, double, string>(curve.FalsePositiveRates, curve.TruePositiveRates, Name: curve.Legend, ShowLegend: true);
        }).ToList();
        traces.Add(CSharpChart.Line<double, double, string>([0.0, 1.0], [0.0, 1.0], Name: "chance (AUC = 0.500)", ShowLegend: true,
            LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromString("#9e9e9e")));
        GenericChart chart = Layouts.Titled(CSharpChart.Combine(traces), title, "false-positive rate", "true-positive rate", DefaultSize, DefaultSize);
        Layout layout = GenericChart.getLayout(chart);
        layout.SetProperty("xaxis", Layouts.Attributes(("title", Layouts.Attributes(("text", "false-positive rate"))), ("range", new[] { 0.0, 1.0 })));
        layout.SetProperty("yaxis", Layouts.Attributes(("title", Layouts.Attributes(("text", "true-positive rate"))), ("range", new[] { 0.0, 1.0 })));
        return GenericChart.setLayout(layout, chart);
    }
}
