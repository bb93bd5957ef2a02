using Plotly.NET;

namespace AnomalyLab.Plots;

/// <summary>Colour scales used by the workbench's figures.</summary>
public static class ColorScales
{
    /// <summary>Sequential scale for levels in dB (dark = quiet, bright = loud).</summary>
    public static StyleParam.Colorscale Levels => StyleParam.Colorscale.Viridis;

    /// <summary>Diverging scale for differences: blue below zero, white at zero, red above (plotly "RdBu", reversed).</summary>
    public static StyleParam.Colorscale Differences => StyleParam.Colorscale.NewCustom(
    [
        Tuple.Create(0.0, Color.fromString("#053061")),
        Tuple.Create(0.25, Color.fromString("#4393c3")),
        Tuple.Create(0.5, Color.fromString("#f7f7f7")),
        Tuple.Create(0.75, Color.fromString("#d6604d")),
        Tuple.Create(1.0, Color.fromString("#67001f")),
    ]);

    /// <summary>
    /// The symmetric range for a difference map: ±max|value| (ignoring NaN), at least <paramref name="minimum"/> so an
    /// all-zero map still has a valid scale.
    /// </summary>
    public static double SymmetricLimit(float[,] values, double minimum = 1e-6)
    {
        double limit = minimum;
        foreach (float value in values)
            if (!float.IsNaN(value)) limit = Math.Max(limit, Math.Abs(value));
        return limit;
    }
}
