using AnomalyLab.Data;
using AnomalyLab.Studies;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// The speed target for the spectrogram study: one machine type of 2,000 clips from WAV files in under 30 s on
/// 2 cores with a cold feature cache, under 3 s with a warm one. The dataset (synthetic, 4 ids × 250 normal + 250
/// anomalous test clips, 10 s each) is generated once in the global setup; "cold" deletes the feature cache before every
/// iteration, "warm" keeps it. Run: <c>dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- --filter *StudyBenchmarks*</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class StudyBenchmarks
{
    private string _root = "";
    private string _data = "";
    private string _cache = "";

    /// <summary>Test clips per id and label (4 ids × 2 labels × 250 = 2,000).</summary>
    public const int ClipsPerGroup = 250;

    [GlobalSetup]
    public void Setup()
    {
        (_root, _data, _cache) = EnsureDataset();
    }

    /// <summary>Generates the 2,000-clip dataset once (kept in the temp folder between runs); returns root, data and cache folders.</summary>
    public static (string Root, string Data, string Cache) EnsureDataset()
    {
        string root = Path.Combine(Path.GetTempPath(), "anomalylab-study-benchmark");
        string data = Path.Combine(root, "data");
        var options = SyntheticDatasetOptions.Default with
        {
            MachineTypes = ["fan"],
            MachineIds = [0, 2, 4, 6],
            TrainClipsPerId = 1,
            TestNormalClipsPerId = ClipsPerGroup,
            TestAnomalyClipsPerId = ClipsPerGroup,
        };
        if (!File.Exists(Path.Combine(data, SyntheticDataset.DescriptionFileName))) SyntheticDataset.Generate(data, options);
        return (root, data, Path.Combine(root, "cache"));
    }

    [IterationSetup(Target = nameof(Cold))]
    public void DropCache()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    /// <summary>Extraction of every clip + the study.</summary>
    [Benchmark]
    public int Cold() => Run();

    /// <summary>Features from the cache + the study.</summary>
    [Benchmark]
    public int Warm() => Run();

    private int Run() => StudyRunner.Run(new StudyRequest { DataRoot = _data, CacheFolder = _cache, TrainClipsPerId = 0 }).Ids.Count;
}
