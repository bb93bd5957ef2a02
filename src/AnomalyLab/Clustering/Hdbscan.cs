using AnomalyLab.Detectors;

namespace AnomalyLab.Clustering;

/// <summary>
/// HDBSCAN* clustering (Campello, Moulavi &amp; Sander 2013) with GLOSH outlier scores (Campello et al. 2015), following the
/// steps of the <c>hdbscan</c> package: core distances → minimum spanning tree of the mutual-reachability graph
/// (Prim's algorithm on the implicit dense graph, O(n²·d) time, O(n) memory) → single-linkage tree → condensed tree
/// (min_cluster_size) → excess-of-mass cluster selection → labels, membership probabilities, outlier scores.
/// Euclidean metric; the root is never selected as a single cluster (<c>allow_single_cluster=False</c>).
/// </summary>
public static class Hdbscan
{
    /// <summary>Clusters <paramref name="x"/> <c>[n_samples, n_features]</c>.</summary>
    public static HdbscanResult Fit(double[,] x, HdbscanOptions? options = null)
    {
        options ??= HdbscanOptions.Default;
        int n = x.GetLength(0), d = x.GetLength(1);
        options.Validate(n);
        double[] flat = FeatureMatrix.Flatten(x);
        double[] coreSquared = CoreDistancesSquared(flat, n, d, options.EffectiveMinSamples);
        var (from, to, weight) = PrimMst(flat, n, d, coreSquared);
        var linkage = SingleLinkage(n, from, to, weight);
        var tree = Condense(linkage, n, options.MinClusterSize);
        return Extract(tree, coreSquared.Select(Math.Sqrt).ToArray());
    }

    /// <summary>Squared core distances: the (k−1)-th smallest squared distance to another point (the point is its own first neighbour).</summary>
    internal static double[] CoreDistancesSquared(double[] flat, int n, int d, int minSamples)
    {
        var core = new double[n];
        if (minSamples <= 1) return core;
        int rank = minSamples - 2;   // 0-based rank among the other n−1 points
        Parallel.For(0, n, () => new double[n - 1], (i, _, row) =>
        {
            var xi = flat.AsSpan(i * d, d);
            int m = 0;
            for (int j = 0; j < n; j++) if (j != i) row[m++] = SquaredEuclidean.Distance(xi, flat.AsSpan(j * d, d));
            core[i] = Select(row, rank);
            return row;
        }, _ => { });
        return core;
    }

    /// <summary>Prim's MST of the mutual-reachability graph, edges in insertion order with squared weights turned into distances.</summary>
    private static (int[] From, int[] To, double[] Weight) PrimMst(double[] flat, int n, int d, double[] coreSquared)
    {
        var inTree = new bool[n];
        var best = new double[n];
        var bestFrom = new int[n];
        Array.Fill(best, double.PositiveInfinity);
        var from = new int[n - 1];
        var to = new int[n - 1];
        var weight = new double[n - 1];
        int current = 0;
        int chunks = n >= 2048 ? Environment.ProcessorCount : 1;
        var chunkBest = new (double Value, int Index)[chunks];
        for (int step = 0; step < n - 1; step++)
        {
            inTree[current] = true;
            int c = current;
            double coreC = coreSquared[c];
            void Relax(int chunk)
            {
                int start = (int)((long)n * chunk / chunks), end = (int)((long)n * (chunk + 1) / chunks);
                var xc = flat.AsSpan(c * d, d);
                double minValue = double.PositiveInfinity;
                int minIndex = -1;
                for (int j = start; j < end; j++)
                {
                    if (inTree[j]) continue;
                    double mr = Math.Max(Math.Max(coreC, coreSquared[j]), SquaredEuclidean.Distance(xc, flat.AsSpan(j * d, d)));
                    if (mr < best[j]) { best[j] = mr; bestFrom[j] = c; }
                    if (best[j] < minValue || minIndex < 0) { minValue = best[j]; minIndex = j; }
                }
                chunkBest[chunk] = (minValue, minIndex);
            }
            if (chunks == 1) Relax(0);
            else Parallel.For(0, chunks, Relax);
            int next = -1;
            double nextValue = double.PositiveInfinity;
            for (int k = 0; k < chunks; k++)
            {
                var (value, index) = chunkBest[k];
                if (index >= 0 && (next < 0 || value < nextValue)) { next = index; nextValue = value; }
            }
            from[step] = bestFrom[next];
            to[step] = next;
            weight[step] = Math.Sqrt(nextValue);
            current = next;
        }
        return (from, to, weight);
    }

    /// <summary>Single-linkage tree in scipy's layout: row i merges nodes Left/Right (smaller id first) into node n+i.</summary>
    internal static (int[] Left, int[] Right, double[] Distance, int[] Size) SingleLinkage(int n, int[] from, int[] to, double[] weight)
    {
        int edges = from.Length;
        // Stable sort by weight: ties keep MST insertion order, so the tree is deterministic.
        var order = Enumerable.Range(0, edges).OrderBy(e => weight[e]).ThenBy(e => e).ToArray();
        var parent = new int[2 * n - 1];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        int Find(int v)
        {
            while (parent[v] != v) { parent[v] = parent[parent[v]]; v = parent[v]; }
            return v;
        }
        var left = new int[edges];
        var right = new int[edges];
        var distance = new double[edges];
        var size = new int[edges];
        for (int i = 0; i < edges; i++)
        {
            int e = order[i];
            int a = Find(from[e]), b = Find(to[e]);
            left[i] = Math.Min(a, b);
            right[i] = Math.Max(a, b);
            distance[i] = weight[e];
            size[i] = (a < n ? 1 : size[a - n]) + (b < n ? 1 : size[b - n]);
            parent[a] = n + i;
            parent[b] = n + i;
        }
        return (left, right, distance, size);
    }

    /// <summary>Condenses the single-linkage tree: splits into two parts of at least min_cluster_size make new clusters, smaller parts fall out as points.</summary>
    internal static CondensedTree Condense((int[] Left, int[] Right, double[] Distance, int[] Size) linkage, int n, int minClusterSize)
    {
        var (leftOf, rightOf, distanceOf, sizeOf) = linkage;
        int Size(int node) => node < n ? 1 : sizeOf[node - n];
        var parents = new List<int>();
        var children = new List<int>();
        var lambdas = new List<double>();
        var sizes = new List<int>();
        var label = new Dictionary<int, int>();
        int root = 2 * n - 2;
        label[root] = n;
        int nextLabel = n + 1;
        var queue = new Queue<int>();
        queue.Enqueue(root);
        var stack = new Stack<int>();
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            int left = leftOf[node - n], right = rightOf[node - n];
            double distance = distanceOf[node - n];
            double lambda = distance > 0 ? 1.0 / distance : double.PositiveInfinity;
            int parent = label[node];
            bool bigLeft = Size(left) >= minClusterSize, bigRight = Size(right) >= minClusterSize;
            foreach (var (child, big) in new[] { (left, bigLeft), (right, bigRight) })
            {
                if (bigLeft && bigRight)
                {
                    label[child] = nextLabel;
                    parents.Add(parent); children.Add(nextLabel); lambdas.Add(lambda); sizes.Add(Size(child));
                    nextLabel++;
                    queue.Enqueue(child);
                }
                else if (big)
                {
                    label[child] = parent;
                    queue.Enqueue(child);
                }
                else
                {
                    stack.Push(child);
                    while (stack.Count > 0)
                    {
                        int v = stack.Pop();
                        if (v < n) { parents.Add(parent); children.Add(v); lambdas.Add(lambda); sizes.Add(1); }
                        else { stack.Push(leftOf[v - n]); stack.Push(rightOf[v - n]); }
                    }
                }
            }
        }
        return new CondensedTree(n, parents.ToArray(), children.ToArray(), lambdas.ToArray(), sizes.ToArray());
    }

    /// <summary>Excess-of-mass selection, labelling, probabilities and GLOSH scores from a condensed tree.</summary>
    internal static HdbscanResult Extract(CondensedTree tree, double[] coreDistances)
    {
        int n = tree.Points, clusters = tree.ClusterCount;
        var stability = new double[clusters];
        var maxChildLambda = new double[clusters];
        var childClusters = new List<int>[clusters];
        for (int c = 0; c < clusters; c++) childClusters[c] = [];
        for (int r = 0; r < tree.Parent.Count; r++)
        {
            int p = tree.Parent[r] - n;
            double lambda = tree.Lambda[r];
            stability[p] += (lambda - tree.BirthLambda[p]) * tree.ChildSize[r];
            maxChildLambda[p] = Math.Max(maxChildLambda[p], lambda);
            if (tree.Child[r] >= n) childClusters[p].Add(tree.Child[r] - n);
        }

        // Children have larger ids than parents: descending order visits every subtree before its parent.
        var selected = new bool[clusters];
        for (int c = 1; c < clusters; c++) selected[c] = true;
        for (int c = clusters - 1; c >= 1; c--)
        {
            double subtree = 0;
            foreach (int k in childClusters[c]) subtree += stability[k];
            if (subtree > stability[c])
            {
                selected[c] = false;
                stability[c] = subtree;
            }
            else
            {
                var pending = new Stack<int>(childClusters[c]);
                while (pending.Count > 0)
                {
                    int k = pending.Pop();
                    selected[k] = false;
                    foreach (int g in childClusters[k]) pending.Push(g);
                }
            }
        }
        var chosen = Enumerable.Range(0, clusters).Where(c => selected[c]).Select(c => c + n).ToArray();
        var number = new int[clusters];
        Array.Fill(number, -1);
        for (int i = 0; i < chosen.Length; i++) number[chosen[i] - n] = i;

        var labels = new int[n];
        var probabilities = new double[n];
        for (int p = 0; p < n; p++)
        {
            int c = tree.ParentOfPoint[p] - n;
            while (c > 0 && number[c] < 0) c = tree.ParentOfCluster[c] - n;
            labels[p] = c > 0 ? number[c] : -1;
            if (labels[p] < 0) continue;
            double max = maxChildLambda[c], lambda = tree.PointLambda[p];
            probabilities[p] = max == 0 || !double.IsFinite(lambda) ? 1.0 : Math.Min(lambda, max) / max;
        }

        var subtreeMax = SubtreeMaxLambda(tree);
        var outlier = new double[n];
        for (int p = 0; p < n; p++)
        {
            double max = subtreeMax[tree.ParentOfPoint[p] - n], lambda = tree.PointLambda[p];
            outlier[p] = max == 0 || !double.IsFinite(lambda) ? 0.0 : (max - lambda) / max;
        }
        return new HdbscanResult(labels, probabilities, outlier, coreDistances, tree, chosen, subtreeMax);
    }

    /// <summary>λ_max of each cluster over its whole subtree (the λ at which its most persistent point leaves), by cluster index.</summary>
    private static double[] SubtreeMaxLambda(CondensedTree tree)
    {
        int n = tree.Points;
        var result = new double[tree.ClusterCount];
        // Point rows only: a cluster child's own row λ is its birth, not a point's death.
        for (int r = 0; r < tree.Parent.Count; r++)
            if (tree.Child[r] < n) result[tree.Parent[r] - n] = Math.Max(result[tree.Parent[r] - n], tree.Lambda[r]);
        for (int c = tree.ClusterCount - 1; c >= 1; c--)
        {
            int p = tree.ParentOfCluster[c] - n;
            result[p] = Math.Max(result[p], result[c]);
        }
        return result;
    }

    private static double Select(double[] values, int rank)
    {
        // Quickselect (Hoare partition) for the rank-th smallest value; values is scratch.
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            double pivot = values[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j) { (values[i], values[j]) = (values[j], values[i]); i++; j--; }
            }
            if (rank <= j) hi = j;
            else if (rank >= i) lo = i;
            else return values[rank];
        }
        return values[rank];
    }
}
