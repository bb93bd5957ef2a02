using AnomalyLab.Detectors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// Fixed synthetic feature matrices shared with reference/sklearn_detectors.py (the same formula there), so the
/// scikit-learn timings are on the same data: x[i, j] = frac(sin(seed·1000 + i·12.9898 + j·78.233)·43758.5453) − 0.5
/// plus a per-row cluster offset.
/// </summary>
public static class BenchmarkData
{
    public static double[,] Matrix(int rows, int cols, int seed)
    {
        var x = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            double offset = i % 4; // four clusters
            for (int j = 0; j < cols; j++)
            {
                double v = Math.Sin(seed * 1000.0 + i * 12.9898 + j * 78.233) * 43758.5453;
                x[i, j] = v - Math.Floor(v) - 0.5 + offset;
            }
        }
        return x;
    }
}

/// <summary>
/// Few, long iterations (each one is seconds) run in-process: on the shared 2-core machine the generated-project build
/// of the default toolchain times out, and these workloads are far above in-process measurement noise.
/// </summary>
public sealed class LongRunningInProcessConfig : ManualConfig
{
    public LongRunningInProcessConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}

/// <summary>LOF and Isolation Forest: fit on 5,000 × 128, score another 5,000 × 128 (compare with sklearn_detectors.py).</summary>
[Config(typeof(LongRunningInProcessConfig))]
public class DetectorBenchmarks
{
    private double[,] _train = null!;
    private double[,] _test = null!;

    [GlobalSetup]
    public void Setup()
    {
        _train = BenchmarkData.Matrix(5000, 128, 1);
        _test = BenchmarkData.Matrix(5000, 128, 2);
    }

    [Benchmark]
    public double[] LocalOutlierFactor_5000x128()
    {
        var lof = new LocalOutlierFactor();
        lof.Fit(_train);
        return lof.Score(_test);
    }

    [Benchmark]
    public double[] IsolationForest_5000x128()
    {
        var forest = new IsolationForest();
        forest.Fit(_train);
        return forest.Score(_test);
    }
}

/// <summary>Exact k-NN (k = 5, largest) fit on 20,000 × 640 and scoring 20,000 × 640, per distance backend.</summary>
[Config(typeof(LongRunningInProcessConfig))]
public class KnnScaleBenchmarks
{
    private double[,] _train = null!;
    private double[,] _test = null!;

    [Params(DistanceBackend.Managed, DistanceBackend.Torch)]
    public DistanceBackend Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _train = BenchmarkData.Matrix(20000, 640, 3);
        _test = BenchmarkData.Matrix(20000, 640, 4);
    }

    [Benchmark]
    public double[] Knn_20000x640()
    {
        var knn = new KnnDetector(KnnOptions.Default with { Backend = Backend });
        knn.Fit(_train);
        return knn.Score(_test);
    }
}
