namespace AnomalyLab.Clustering;

/// <summary>
/// Hyper-parameters of <see cref="Hdbscan"/> (Euclidean metric, excess-of-mass selection, no single root cluster).
/// </summary>
/// <param name="MinClusterSize">Smallest group of points that counts as a cluster in the condensed tree (≥ 2). Default 5, as the <c>hdbscan</c> package.</param>
/// <param name="MinSamples">Neighbourhood size k of the core distance (the point itself counts as the first neighbour, as in
/// <c>hdbscan</c>/scikit-learn); <c>null</c> = <paramref name="MinClusterSize"/>.</param>
public sealed record HdbscanOptions(int MinClusterSize = 5, int? MinSamples = null)
{
    /// <summary>The <c>hdbscan</c> package defaults: min_cluster_size 5, min_samples = min_cluster_size.</summary>
    public static HdbscanOptions Default { get; } = new();

    /// <summary>The effective core-distance neighbourhood size.</summary>
    public int EffectiveMinSamples => MinSamples ?? MinClusterSize;

    internal void Validate(int samples)
    {
        if (MinClusterSize < 2) throw new ArgumentOutOfRangeException(nameof(MinClusterSize), MinClusterSize, "min_cluster_size must be >= 2.");
        if (EffectiveMinSamples < 1) throw new ArgumentOutOfRangeException(nameof(MinSamples), EffectiveMinSamples, "min_samples must be >= 1.");
        if (EffectiveMinSamples > samples) throw new ArgumentException($"min_samples ({EffectiveMinSamples}) exceeds the number of samples ({samples}).", nameof(MinSamples));
        if (samples < 2) throw new ArgumentException($"HDBSCAN needs at least 2 samples (got {samples}).");
    }
}
