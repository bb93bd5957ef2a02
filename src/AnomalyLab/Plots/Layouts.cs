using DynamicObj;
using Plotly.NET;

namespace AnomalyLab.Plots;

/// <summary>
/// Shared layout edits done on Plotly.NET's dynamic objects (plotly.js attribute names), which read the same for every
/// trace type and avoid F#-optional parameters in C#.
/// </summary>
internal static class Layouts
{
    /// <summary>A plotly.js attribute object, e.g. <c>Attributes(("text", "time (s)"))</c>.</summary>
    public static DynamicObj.DynamicObj Attributes(params (string Name, object Value)[] properties)
    {
        var attributes = new DynamicObj.DynamicObj();
        foreach ((string name, object value) in properties) attributes.SetProperty(name, value);
        return attributes;
    }

    /// <summary>Sets title, x/y axis titles and size (pixels) of <paramref name="chart"/>.</summary>
    public static GenericChart Titled(GenericChart chart, string title, string xTitle, string yTitle, int width, int height)
    {
        Layout layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", Attributes(("text", title)));
        layout.SetProperty("xaxis", Attributes(("title", Attributes(("text", xTitle)))));
        layout.SetProperty("yaxis", Attributes(("title", Attributes(("text", yTitle)))));
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Sets one colour-bar title on every trace of <paramref name="chart"/>.</summary>
    public static void ColorbarTitle(GenericChart chart, string title)
    {
        foreach (Trace trace in GenericChart.getTraces(chart)) trace.SetProperty("colorbar", Attributes(("title", Attributes(("text", title)))));
    }
}
