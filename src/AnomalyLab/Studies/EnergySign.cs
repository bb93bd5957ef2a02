namespace AnomalyLab.Studies;

/// <summary>Whether anomalies add energy, remove it, or both, inside the region where they deviate.</summary>
public enum EnergyDirection
{
    /// <summary>At least two thirds of the |difference| inside the region is positive (anomalous louder).</summary>
    Added,

    /// <summary>At least two thirds of the |difference| inside the region is negative (anomalous quieter).</summary>
    Removed,

    /// <summary>Neither sign dominates.</summary>
    Mixed,
}

/// <summary>
/// Sign of the mean difference (anomalous − normal) inside a region (normally the excess map's top region):
/// <c>AddedShare</c> = Σ_region max(diff, 0) / Σ_region |diff|; ≥ 2/3 → added, ≤ 1/3 → removed, else mixed.
/// </summary>
/// <param name="Direction">Added, removed or mixed.</param>
/// <param name="AddedShare">Share of the absolute difference that is positive, 0..1.</param>
/// <param name="MeanDifference">Mean of the difference over the region, dB.</param>
public sealed record EnergySign(EnergyDirection Direction, double AddedShare, double MeanDifference)
{
    /// <summary>Evaluates <paramref name="difference"/> <c>[n_mels, frames]</c> over <paramref name="region"/> (same shape; all cells when null).</summary>
    public static EnergySign Of(double[,] difference, bool[,]? region = null)
    {
        int nMels = difference.GetLength(0), frames = difference.GetLength(1);
        if (region is not null && (region.GetLength(0) != nMels || region.GetLength(1) != frames))
            throw new ArgumentException($"Region is [{region.GetLength(0)}, {region.GetLength(1)}], difference map is [{nMels}, {frames}].");
        double positive = 0, absolute = 0, sum = 0;
        long cells = 0;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < frames; t++)
            {
                if (region is not null && !region[m, t]) continue;
                double d = difference[m, t];
                positive += Math.Max(0, d);
                absolute += Math.Abs(d);
                sum += d;
                cells++;
            }
        double share = absolute > 0 ? positive / absolute : 0.5;
        var direction = share >= 2.0 / 3 ? EnergyDirection.Added : share <= 1.0 / 3 ? EnergyDirection.Removed : EnergyDirection.Mixed;
        return new EnergySign(direction, share, cells > 0 ? sum / cells : 0);
    }
}
