namespace AnomalyLab.Clustering;

/// <summary>
/// The condensed cluster tree of HDBSCAN, as an edge list in the <c>hdbscan</c> package's layout: one row per
/// (parent cluster, child) with the λ = 1/distance at which the child leaves the parent and the child's size.
/// Points are ids 0..n−1; clusters are ids n, n+1, … in creation order (the root is n), so a child cluster always has a
/// larger id than its parent.
/// </summary>
public sealed class CondensedTree
{
    internal CondensedTree(int points, int[] parent, int[] child, double[] lambda, int[] childSize)
    {
        Points = points;
        Parent = parent;
        Child = child;
        Lambda = lambda;
        ChildSize = childSize;
        ClusterCount = parent.Length == 0 ? 1 : Math.Max(parent.Max(), child.Max()) - points + 1;
        ParentOfCluster = new int[ClusterCount];
        BirthLambda = new double[ClusterCount];
        ParentOfPoint = new int[points];
        PointLambda = new double[points];
        ParentOfCluster[0] = -1;
        for (int r = 0; r < parent.Length; r++)
        {
            if (child[r] >= points)
            {
                ParentOfCluster[child[r] - points] = parent[r];
                BirthLambda[child[r] - points] = lambda[r];
            }
            else
            {
                ParentOfPoint[child[r]] = parent[r];
                PointLambda[child[r]] = lambda[r];
            }
        }
    }

    /// <summary>Number of points n.</summary>
    public int Points { get; }
    /// <summary>Number of clusters in the tree, the root included.</summary>
    public int ClusterCount { get; }
    /// <summary>Parent cluster id of each row.</summary>
    public IReadOnlyList<int> Parent { get; }
    /// <summary>Child id of each row (point if &lt; n, else cluster).</summary>
    public IReadOnlyList<int> Child { get; }
    /// <summary>λ = 1/mutual-reachability distance at which the child leaves the parent (∞ for distance 0).</summary>
    public IReadOnlyList<double> Lambda { get; }
    /// <summary>Number of points under the child.</summary>
    public IReadOnlyList<int> ChildSize { get; }

    internal int[] ParentOfCluster { get; }   // by cluster index (id − n); −1 for the root
    internal double[] BirthLambda { get; }    // by cluster index; 0 for the root
    internal int[] ParentOfPoint { get; }     // cluster id
    internal double[] PointLambda { get; }
}
