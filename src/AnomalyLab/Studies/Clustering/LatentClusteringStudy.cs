using AnomalyLab.Clustering;
using AnomalyLab.Data;
using AnomalyLab.Detectors;
using AnomalyLab.Embeddings;
using AnomalyLab.Plots;

namespace AnomalyLab.Studies.Clustering;

/// <summary>Settings of <see cref="LatentClusteringStudy"/>.</summary>
/// <param name="Hdbscan">HDBSCAN settings (default min_cluster_size 5).</param>
/// <param name="Perplexity">t-SNE perplexity; lowered to (n − 1)/3 for small sets so P keeps ⌊3·perplexity⌋ &lt; n neighbours.</param>
/// <param name="ThresholdSigma">k of the Gaussian-fit threshold μ + k·σ on the GLOSH scores (default 2).</param>
/// <param name="Standardize">z-score every feature column first (default true: log-mel means and deviations differ in scale).</param>
/// <param name="Seed">t-SNE seed.</param>
public sealed record LatentClusteringOptions(HdbscanOptions? Hdbscan = null, double Perplexity = 30, double ThresholdSigma = 2, bool Standardize = true, int Seed = 0)
{
    /// <summary>Defaults.</summary>
    public static LatentClusteringOptions Default { get; } = new();
}

/// <summary>Cluster-validity indices of the non-noise points (null when fewer than two clusters remain).</summary>
public sealed record ClusterIndexReport(int Clusters, int NoisePoints, double? Silhouette, double? CalinskiHarabasz, double? DaviesBouldin);

/// <summary>Everything <see cref="LatentClusteringStudy.Run"/> computes; per-point arrays are <c>[n]</c> in input order.</summary>
public sealed record LatentClusteringResult(
    HdbscanResult Clustering,
    ScoreThreshold Threshold,
    bool[] Outliers,
    ConfusionCounts? Confusion,
    double[,] Embedding2D,
    double[,] Embedding3D,
    ClusterIndexReport Indices,
    IReadOnlyList<string> Groups,
    IReadOnlyList<bool>? Anomalous)
{
    /// <summary>"cluster 0", …, "noise" per point.</summary>
    public IReadOnlyList<string> ClusterNames => Clustering.Labels.Select(l => l < 0 ? "noise" : $"cluster {l}").ToList();

    /// <summary>"outlier" / "inlier" per point (GLOSH score above the threshold).</summary>
    public IReadOnlyList<string> OutlierNames => Outliers.Select(o => o ? "outlier" : "inlier").ToList();

    /// <summary>"anomaly" / "normal" per point (the ground truth), or the groups when no labels were given.</summary>
    public IReadOnlyList<string> LabelNames => Anomalous?.Select(a => a ? "anomaly" : "normal").ToList() ?? Groups;

    /// <summary>The headline numbers as a two-column table.</summary>
    public TableFigure Summary()
    {
        var rows = new List<KeyValuePair<string, double>>
        {
            new("clusters", Indices.Clusters),
            new("noise points", Indices.NoisePoints),
            new("GLOSH threshold", Threshold.Value),
            new("outliers flagged", Outliers.Count(o => o)),
        };
        if (Indices.Silhouette is double s) rows.Add(new("silhouette (non-noise)", s));
        if (Indices.CalinskiHarabasz is double ch) rows.Add(new("Calinski–Harabasz (non-noise)", ch));
        if (Indices.DaviesBouldin is double db) rows.Add(new("Davies–Bouldin (non-noise)", db));
        if (Confusion is { } c)
        {
            rows.Add(new("true positives", c.TruePositives));
            rows.Add(new("false positives", c.FalsePositives));
            rows.Add(new("precision", c.Precision));
            rows.Add(new("recall", c.Recall));
        }
        return TableFigure.FromPairs("HDBSCAN on clip features", "quantity", "value", rows);
    }
}

/// <summary>
/// The latent-clustering pipeline of the pipeline-surveillance study: features → HDBSCAN → GLOSH outlier scores →
/// threshold by a Gaussian fit of the score histogram (<see cref="ScoreThreshold.GaussianFit"/>) → t-SNE 2-D and 3-D →
/// silhouette / Calinski–Harabasz / Davies–Bouldin on the clustered (non-noise) points.
/// </summary>
public static class LatentClusteringStudy
{
    /// <summary>Runs the pipeline on <paramref name="features"/> <c>[n, d]</c> with per-point <paramref name="groups"/> and optional truth.</summary>
    public static LatentClusteringResult Run(double[,] features, IReadOnlyList<string> groups, IReadOnlyList<bool>? anomalous = null, LatentClusteringOptions? options = null)
    {
        options ??= LatentClusteringOptions.Default;
        int n = features.GetLength(0);
        if (groups.Count != n) throw new ArgumentException($"{groups.Count} groups for {n} feature rows.", nameof(groups));
        if (anomalous != null && anomalous.Count != n) throw new ArgumentException($"{anomalous.Count} labels for {n} feature rows.", nameof(anomalous));
        var x = options.Standardize ? Standardized(features) : features;
        var clustering = Hdbscan.Fit(x, options.Hdbscan ?? HdbscanOptions.Default);
        var threshold = ScoreThreshold.GaussianFit(clustering.OutlierScores, options.ThresholdSigma);
        var outliers = threshold.Flag(clustering.OutlierScores);
        var confusion = anomalous == null ? null : threshold.Evaluate(clustering.OutlierScores, anomalous);
        double perplexity = Math.Min(options.Perplexity, (n - 1) / 3.0);
        var affinities = TsneAffinities.Compute(x, perplexity); // shared by the 2-D and the 3-D embedding
        var tsne2 = Tsne.Fit(x, affinities, new TsneOptions(Dimensions: 2, Perplexity: perplexity, Seed: options.Seed)).Embedding;
        var tsne3 = Tsne.Fit(x, affinities, new TsneOptions(Dimensions: 3, Perplexity: perplexity, Seed: options.Seed)).Embedding;
        return new LatentClusteringResult(clustering, threshold, outliers, confusion, tsne2, tsne3, Indices(x, clustering.Labels), groups, anomalous);
    }

    /// <summary>Cluster indices over the points HDBSCAN did not call noise.</summary>
    public static ClusterIndexReport Indices(double[,] x, int[] labels)
    {
        var kept = Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0).ToArray();
        int clusters = labels.Where(l => l >= 0).Distinct().Count(), noise = labels.Length - kept.Length;
        if (clusters < 2 || clusters > kept.Length - 1) return new ClusterIndexReport(clusters, noise, null, null, null);
        var sub = new double[kept.Length, x.GetLength(1)];
        for (int r = 0; r < kept.Length; r++) for (int f = 0; f < x.GetLength(1); f++) sub[r, f] = x[kept[r], f];
        var subLabels = kept.Select(i => labels[i]).ToArray();
        return new ClusterIndexReport(clusters, noise, ClusterIndices.Silhouette(sub, subLabels),
            ClusterIndices.CalinskiHarabasz(sub, subLabels), ClusterIndices.DaviesBouldin(sub, subLabels));
    }

    /// <summary>Column-wise z-scores (population σ; constant columns become 0), via <see cref="Standardiser"/>.</summary>
    public static double[,] Standardized(double[,] x) => Standardiser.FitPerFeature(x).Transform(x);
}
