namespace AnomalyLab.Plots;

/// <summary>
/// One ROC curve to draw: false-positive and true-positive rates (both in [0, 1], same length, sorted by increasing
/// threshold leniency) and its area. <see cref="Auc"/> defaults to the trapezoidal area under (FalsePositiveRates, TruePositiveRates).
/// </summary>
public sealed record RocSeries(string Name, IReadOnlyList<double> FalsePositiveRates, IReadOnlyList<double> TruePositiveRates, double? GivenAuc = null)
{
    /// <summary>Area under the curve: <see cref="GivenAuc"/> if set, else the trapezoidal rule over the points.</summary>
    public double Auc => GivenAuc ?? Trapezoid(FalsePositiveRates, TruePositiveRates);

    /// <summary>Legend text: name and AUC to three decimals.</summary>
    public string Legend => $"{Name} (AUC = {Auc.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)})";

    private static double Trapezoid(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"ROC curve has {x.Count} false-positive rates but {y.Count} true-positive rates.");
        double area = 0;
        for (int i = 1; i < x.Count; i++) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        return area;
    }
}
