using AnomalyLab.Metrics;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Studies.Functional;

/// <summary>ROC curves of several detectors in one Plotly figure, with the chance diagonal.</summary>
public static class RocPlots
{
    /// <summary>One line per entry of <paramref name="curves"/> (name → curve), FPR on x, TPR on y.</summary>
    public static GenericChart Curves(IReadOnlyDictionary<string, RocCurve> curves, string title)
    {
        var traces = curves.Select(kv => CSharpChart.Line<double, double, string>(x: kv.Value.FalsePositiveRates, y: kv.Value.TruePositiveRates, Name: kv.Key)).ToList();
        traces.Add(CSharpChart.Line<double, double, string>(x: [0.0, 1.0], y: [0.0, 1.0], Name: "chance"));
        var chart = CSharpChart.Combine(traces);
        Layout layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", Attribute("text", title));
        layout.SetProperty("xaxis", Attribute("title", Attribute("text", "false positive rate")));
        layout.SetProperty("yaxis", Attribute("title", Attribute("text", "true positive rate")));
        layout.SetProperty("width", 760);
        layout.SetProperty("height", 560);
        return GenericChart.setLayout(layout, chart);
    }

    private static DynamicObj.DynamicObj Attribute(string name, object value)
    {
        var o = new DynamicObj.DynamicObj();
        o.SetProperty(name, value);
        return o;
    }
}
