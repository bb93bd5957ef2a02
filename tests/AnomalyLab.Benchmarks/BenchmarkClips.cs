namespace AnomalyLab.Benchmarks;

/// <summary>The real clips the benchmarks read: the DCASE 2020 slider sample (75 train + 80 test, 10 s, 16 kHz) in ../shared/data.</summary>
internal static class BenchmarkClips
{
    /// <summary>$ANOMALYLAB_SHARED_DATA, else shared/data beside the folder holding AnomalyLab.sln.</summary>
    public static string SharedData
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable("ANOMALYLAB_SHARED_DATA");
            if (!string.IsNullOrEmpty(overridden)) return overridden;
            string? folder = AppContext.BaseDirectory;
            while (folder != null && !File.Exists(Path.Combine(folder, "AnomalyLab.sln"))) folder = Path.GetDirectoryName(folder);
            if (folder == null) throw new InvalidOperationException($"AnomalyLab.sln not found above {AppContext.BaseDirectory}; set ANOMALYLAB_SHARED_DATA.");
            return Path.GetFullPath(Path.Combine(folder, "..", "shared", "data"));
        }
    }

    /// <summary>All slider clips (train then test), sorted by name; the same list the torchaudio reference script reads.</summary>
    public static IReadOnlyList<string> Slider()
    {
        string root = Path.Combine(SharedData, "dcase2020-task2-dev-sample", "slider");
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{root}: slider clips not found; set ANOMALYLAB_SHARED_DATA to the shared data folder.");
        return new[] { "train", "test" }.SelectMany(split => Directory.GetFiles(Path.Combine(root, split), "*.wav").Order(StringComparer.Ordinal)).ToList();
    }
}
