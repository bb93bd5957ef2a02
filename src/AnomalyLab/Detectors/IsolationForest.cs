namespace AnomalyLab.Detectors;

/// <summary>Options of <see cref="IsolationForest"/>; defaults are scikit-learn's <c>IsolationForest()</c>.</summary>
/// <param name="Trees">Isolation trees (scikit-learn <c>n_estimators</c>, default 100).</param>
/// <param name="MaxSamples">Sub-sample size ψ per tree, drawn without replacement (default 256; min(ψ, n) is used).</param>
/// <param name="Seed">Seed of the sub-sampling and the random splits (same seed → same scores).</param>
public sealed record IsolationForestOptions(int Trees = 100, int MaxSamples = 256, int Seed = 0)
{
    /// <summary>scikit-learn's defaults: 100 trees, ψ = 256, seed 0.</summary>
    public static IsolationForestOptions Default { get; } = new();
}

/// <summary>
/// Isolation Forest (Liu, Ting &amp; Zhou 2008) as scikit-learn builds it: each tree isolates a sub-sample of ψ rows by
/// splitting on a random non-constant feature at a threshold uniform in its [min, max) in the node, down to depth
/// ⌈log₂ ψ⌉. The path length of x in a tree is the depth of its leaf plus c(leaf size), where the average path length
/// of an unsuccessful BST search is c(n) = 2(ln(n − 1) + γ) − 2(n − 1)/n, c(2) = 1, c(≤1) = 0.
/// Score(x) = 2^(−E[h(x)] / c(ψ)) in (0, 1], which equals scikit-learn's <c>-score_samples</c>; trees differ from
/// scikit-learn's because the random streams differ.
/// </summary>
public sealed class IsolationForest(IsolationForestOptions options) : IAnomalyDetector
{
    private const double EulerGamma = 0.5772156649015329;
    private Tree[]? _trees;
    private int _features;
    private int _subsample;

    /// <summary>A forest with <see cref="IsolationForestOptions.Default"/>.</summary>
    public IsolationForest() : this(IsolationForestOptions.Default) { }

    /// <summary>The options given to the constructor.</summary>
    public IsolationForestOptions Options { get; } = options.Trees >= 1 && options.MaxSamples >= 1
        ? options
        : throw new ArgumentOutOfRangeException(nameof(options), options, "Isolation Forest needs at least one tree and one sample per tree.");

    /// <summary>Average path length c(n) of an unsuccessful search in a binary search tree of n nodes.</summary>
    public static double AveragePathLength(int n) => n <= 1 ? 0 : n == 2 ? 1 : 2 * (Math.Log(n - 1) + EulerGamma) - 2.0 * (n - 1) / n;

    /// <inheritdoc/>
    public void Fit(double[,] normal)
    {
        FeatureMatrix.Validate(normal, "Isolation Forest training data");
        int n = normal.GetLength(0);
        _features = normal.GetLength(1);
        _subsample = Math.Min(Options.MaxSamples, n);
        int maxDepth = (int)Math.Ceiling(Math.Log2(Math.Max(_subsample, 2)));
        // One seed per tree from the master seed, so trees can be grown in parallel yet reproducibly.
        var master = new Random(Options.Seed);
        int[] seeds = Enumerable.Range(0, Options.Trees).Select(_ => master.Next()).ToArray();
        var trees = new Tree[Options.Trees];
        Parallel.For(0, Options.Trees, t =>
        {
            var random = new Random(seeds[t]);
            int[] rows = Sample(n, _subsample, random);
            trees[t] = Tree.Grow(normal, rows, maxDepth, random);
        });
        _trees = trees;
    }

    /// <inheritdoc/>
    public double[] Score(double[,] x)
    {
        Tree[] trees = FeatureMatrix.Fitted(_trees, "Isolation Forest");
        FeatureMatrix.Validate(x, "Isolation Forest test data", _features);
        int n = x.GetLength(0);
        double normaliser = AveragePathLength(_subsample);
        var scores = new double[n];
        Parallel.For(0, n, i =>
        {
            double total = 0;
            foreach (Tree tree in trees) total += tree.PathLength(x, i);
            double mean = total / trees.Length;
            scores[i] = Math.Pow(2, -mean / normaliser);
        });
        return scores;
    }

    /// <summary>k distinct row indices of 0..n−1 (partial Fisher–Yates).</summary>
    private static int[] Sample(int n, int k, Random random)
    {
        int[] all = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = random.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }
        return all[..k];
    }

    /// <summary>One isolation tree as flat arrays; a node with Feature = −1 is a leaf holding Size rows.</summary>
    private sealed class Tree
    {
        private readonly List<int> _feature = [];
        private readonly List<double> _threshold = [];
        private readonly List<int> _left = [];
        private readonly List<int> _right = [];
        private readonly List<double> _leafPath = [];

        public static Tree Grow(double[,] x, int[] rows, int maxDepth, Random random)
        {
            var tree = new Tree();
            tree.Build(x, rows, 0, rows.Length, 0, maxDepth, random);
            return tree;
        }

        private int Build(double[,] x, int[] rows, int start, int end, int depth, int maxDepth, Random random)
        {
            int node = _feature.Count;
            _feature.Add(-1);
            _threshold.Add(0);
            _left.Add(-1);
            _right.Add(-1);
            int size = end - start;
            _leafPath.Add(depth + AveragePathLength(size));
            if (size < 2 || depth >= maxDepth) return node;
            int features = x.GetLength(1);
            // scikit-learn's random splitter: draw features without replacement until one is not constant in the node.
            int[] order = Enumerable.Range(0, features).ToArray();
            for (int drawn = 0; drawn < features; drawn++)
            {
                int pick = random.Next(drawn, features);
                (order[drawn], order[pick]) = (order[pick], order[drawn]);
                int f = order[drawn];
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                for (int r = start; r < end; r++)
                {
                    double v = x[rows[r], f];
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
                if (max <= min) continue;
                double threshold = min + random.NextDouble() * (max - min);
                if (threshold >= max) threshold = min;
                int split = start;
                for (int r = start; r < end; r++)
                    if (x[rows[r], f] <= threshold) (rows[split], rows[r]) = (rows[r], rows[split++]);
                _feature[node] = f;
                _threshold[node] = threshold;
                int left = Build(x, rows, start, split, depth + 1, maxDepth, random);
                int right = Build(x, rows, split, end, depth + 1, maxDepth, random);
                _left[node] = left;
                _right[node] = right;
                return node;
            }
            return node;
        }

        public double PathLength(double[,] x, int row)
        {
            int node = 0;
            while (_feature[node] >= 0) node = x[row, _feature[node]] <= _threshold[node] ? _left[node] : _right[node];
            return _leafPath[node];
        }
    }
}
