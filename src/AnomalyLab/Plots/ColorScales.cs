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
    /// A stepped scale for categories 0 … k − 1 plotted with zmin = −0.5, zmax = k − 0.5: each category one solid colour
    /// (two stops per colour at the edges of its band), so a legend reads as swatches, not a gradient.
    /// </summary>
    public static StyleParam.Colorscale Stepped(IReadOnlyList<string> colors)
    {
        var stops = new List<Tuple<double, Color>>();
        for (int k = 0; k < colors.Count; k++)
        {
            stops.Add(Tuple.Create(k / (double)colors.Count, Color.fromString(colors[k])));
            stops.Add(Tuple.Create((k + 1) / (double)colors.Count, Color.fromString(colors[k])));
        }
        return StyleParam.Colorscale.NewCustom(stops);
    }

    /// <summary>
    /// Default category colours: light grey for category 0 ("none", "not masked"), then distinct colours that stay apart for
    /// colour-blind readers (Okabe–Ito orange, sky blue, bluish green, vermillion, blue, yellow, reddish purple).
    /// </summary>
    public static IReadOnlyList<string> Categories(int count)
    {
        string[] palette = ["#f0f0f0", "#e69f00", "#56b4e9", "#009e73", "#d55e00", "#0072b2", "#f0e442", "#cc79a7"];
        if (count > palette.Length) throw new ArgumentException($"At most {palette.Length} default category colours; pass colours for {count} categories.", nameof(count));
        return palette[..count];
    }

    /// <summary>[min, max] over every non-NaN value of <paramref name="maps"/>; (0, 1) when there is none.</summary>
    public static (double Low, double High) Range(IEnumerable<float[,]> maps)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (float[,] map in maps)
            foreach (float value in map)
            {
                if (float.IsNaN(value)) continue;
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        return double.IsFinite(low) ? (low, high) : (0, 1);
    }

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
