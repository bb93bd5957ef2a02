using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace AnomalyLab.Embeddings;

/// <summary>Plotly scatter plots of 2-D or 3-D embeddings, one trace (colour) per category.</summary>
public static class EmbeddingPlots
{
    /// <summary>Default figure size, pixels.</summary>
    public const int DefaultWidth = 760, DefaultHeight = 560;

    /// <summary>
    /// Scatter of <paramref name="embedding"/> <c>[n, 2]</c> or <c>[n, 3]</c>, points grouped and coloured by
    /// <paramref name="categories"/> <c>[n]</c> (legend in first-seen order); <paramref name="hover"/> <c>[n]</c> labels points.
    /// </summary>
    public static GenericChart Scatter(double[,] embedding, IReadOnlyList<string> categories, string title, IReadOnlyList<string>? hover = null)
    {
        int n = embedding.GetLength(0), dims = embedding.GetLength(1);
        if (categories.Count != n) throw new ArgumentException($"{categories.Count} categories for {n} points.", nameof(categories));
        if (dims is < 2 or > 3) throw new ArgumentException($"embedding has {dims} columns; 2 or 3 expected.", nameof(embedding));
        var traces = new List<GenericChart>();
        foreach (var category in categories.Distinct())
        {
            var rows = Enumerable.Range(0, n).Where(i => categories[i] == category).ToArray();
            var x = rows.Select(i => embedding[i, 0]).ToArray();
            var y = rows.Select(i => embedding[i, 1]).ToArray();
            var text = hover == null ? null : rows.Select(i => hover[i]).ToArray();
            GenericChart trace = dims == 2
                ? text == null ? CSharpChart.Point<double, double, string>(x: x, y: y, Name: category) : CSharpChart.Point<double, double, string>(x: x, y: y, Name: category, MultiText: text)
                : Scatter3D(x, y, rows.Select(i => embedding[i, 2]).ToArray(), category, text);
            traces.Add(trace);
        }
        var chart = CSharpChart.Combine(traces);
        Layout layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", Title(title));
        layout.SetProperty("width", DefaultWidth);
        layout.SetProperty("height", DefaultHeight);
        return GenericChart.setLayout(layout, chart);
    }

    private static GenericChart Scatter3D(double[] x, double[] y, double[] z, string name, string[]? text) => text == null
        ? CSharpChart.Scatter3D<double, double, double, string>(x: x, y: y, z: z, mode: StyleParam.Mode.Markers, Name: name)
        : CSharpChart.Scatter3D<double, double, double, string>(x: x, y: y, z: z, mode: StyleParam.Mode.Markers, Name: name, MultiText: text);

    private static DynamicObj.DynamicObj Title(string text)
    {
        var title = new DynamicObj.DynamicObj();
        title.SetProperty("text", text);
        return title;
    }
}
