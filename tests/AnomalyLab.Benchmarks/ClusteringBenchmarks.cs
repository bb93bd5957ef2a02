using AnomalyLab.Clustering;
using AnomalyLab.Embeddings;
using BenchmarkDotNet.Attributes;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// HDBSCAN and Barnes–Hut t-SNE on 5,000 × 128 features (10 Gaussian blobs from <see cref="BenchmarkBlobs"/>, the same
/// numbers reference/clustering_reference.py builds). Reference timings: reference/clustering_reference.py (scikit-learn 1.2.1 TSNE; for HDBSCAN,
/// which scikit-learn 1.2.1 lacks, numpy core distances + scipy single linkage on the mutual-reachability matrix).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ClusteringBenchmarks
{
    private double[,] _x = new double[0, 0];

    [GlobalSetup]
    public void Setup() => _x = BenchmarkBlobs.Create(5000, 128, 10);

    [Benchmark]
    public int Hdbscan5000x128() => Hdbscan.Fit(_x, new HdbscanOptions(MinClusterSize: 5)).ClusterCount;

    [Benchmark]
    public double Tsne5000x128() => Tsne.Fit(_x, TsneOptions.ScikitLearn2D).KlDivergence;
}

/// <summary>
/// Deterministic blobs reproducible bit for bit in Python: a 64-bit LCG (Knuth MMIX constants) gives uniforms
/// (top 53 bits / 2⁵³), Box–Muller gives normals; row i belongs to blob i mod k with centre 4·sin(1.3·c + 0.7·j).
/// </summary>
public static class BenchmarkBlobs
{
    public static double[,] Create(int n, int d, int k)
    {
        ulong state = 42;
        double Uniform()
        {
            state = unchecked(state * 6364136223846793005UL + 1442695040888963407UL);
            return (state >> 11) * (1.0 / 9007199254740992.0);
        }
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            int c = i % k;
            for (int j = 0; j < d; j++)
            {
                double u1 = 1.0 - Uniform(), u2 = Uniform();
                x[i, j] = 4 * Math.Sin(1.3 * c + 0.7 * j) + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
        }
        return x;
    }
}
