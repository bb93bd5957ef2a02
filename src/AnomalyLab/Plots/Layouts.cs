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

    /// <summary>
    /// Plot margins, pixels, shared by every heatmap and line chart: with the same figure width the plotting areas of figures
    /// stacked on a page start and end at the same x, so their time axes line up (legends go above the plot, not beside it).
    /// </summary>
    public static (int Left, int Right, int Top, int Bottom) Margin { get; } = (90, 180, 80, 60);

    /// <summary>The <see cref="Margin"/> as a plotly.js <c>margin</c> object.</summary>
    public static DynamicObj.DynamicObj FixedMargin() => Attributes(("l", Margin.Left), ("r", Margin.Right), ("t", Margin.Top), ("b", Margin.Bottom), ("autoexpand", false));

    /// <summary>Adds <paramref name="addition"/>'s attributes to layout axis <paramref name="name"/>, keeping what is there (a grid's domain, anchor).</summary>
    public static void MergeAxis(Layout layout, string name, DynamicObj.DynamicObj addition)
    {
        if (layout.TryGetPropertyValue(name) is { } existing && existing.Value is DynamicObj.DynamicObj axis)
        {
            foreach (string property in addition.GetPropertyNames(false)) axis.SetProperty(property, addition.GetPropertyValue(property));
        }
        else layout.SetProperty(name, addition);
    }

    /// <summary>Sets one colour-bar title on every trace of <paramref name="chart"/>.</summary>
    public static void ColorbarTitle(GenericChart chart, string title)
    {
        foreach (Trace trace in GenericChart.getTraces(chart)) trace.SetProperty("colorbar", Attributes(("title", Attributes(("text", title)))));
    }
}
