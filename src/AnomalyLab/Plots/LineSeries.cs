namespace AnomalyLab.Plots;

/// <summary>One named line: x and y of equal length (units given by the chart's axis titles).</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>A line over x = 0, 1, 2, … (e.g. per-mel-bin values).</summary>
    public static LineSeries Indexed(string name, IReadOnlyList<double> y) => new(name, Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray(), y);
}
