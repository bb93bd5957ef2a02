namespace AnomalyLab.Clustering;

/// <summary>Output of <see cref="Hdbscan.Fit"/>. All per-sample arrays are <c>[n_samples]</c> in input order.</summary>
public sealed class HdbscanResult
{
    internal HdbscanResult(int[] labels, double[] probabilities, double[] outlierScores, double[] coreDistances,
        CondensedTree tree, int[] selectedClusters, double[] subtreeMaxLambda)
    {
        Labels = labels;
        Probabilities = probabilities;
        OutlierScores = outlierScores;
        CoreDistances = coreDistances;
        Tree = tree;
        SelectedClusters = selectedClusters;
        SubtreeMaxLambda = subtreeMaxLambda;
    }

    /// <summary>Cluster label 0..k−1 per sample, −1 = noise. Clusters are numbered in the order of their condensed-tree ids.</summary>
    public int[] Labels { get; }
    /// <summary>Membership strength in [0, 1]: λ of the point over the largest λ among its cluster's direct children (0 for noise).</summary>
    public double[] Probabilities { get; }
    /// <summary>GLOSH outlier score in [0, 1]: 1 − λ_point / λ_max, λ_max the largest λ in the subtree of the point's last cluster. Higher = more outlying.</summary>
    public double[] OutlierScores { get; }
    /// <summary>Core distance of each sample (Euclidean distance to its min_samples-th neighbour, itself counted).</summary>
    public double[] CoreDistances { get; }
    /// <summary>The condensed tree.</summary>
    public CondensedTree Tree { get; }
    /// <summary>Condensed-tree ids of the selected clusters; label i is <c>SelectedClusters[i]</c>.</summary>
    public IReadOnlyList<int> SelectedClusters { get; }
    /// <summary>Number of clusters found (noise excluded).</summary>
    public int ClusterCount => SelectedClusters.Count;

    internal double[] SubtreeMaxLambda { get; }   // by cluster index (id − n)
}
