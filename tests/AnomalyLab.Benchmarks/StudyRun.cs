using System.Diagnostics;
using AnomalyLab.Studies;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- study-run [cold|warm] [repeats]</c>: the issue's study targets measured the way a user meets
/// them — a fresh process per call, wall time of <see cref="StudyRunner.Run"/> on the 2,000-clip type of
/// <see cref="StudyBenchmarks"/>, and the process's peak resident memory (VmHWM) against the bytes of the feature block.
/// "cold" deletes the feature cache first. BenchmarkDotNet's <see cref="StudyBenchmarks"/> gives the allocation side.
/// </summary>
internal static class StudyRun
{
    public static int Run(string[] args)
    {
        bool cold = args.Length > 1 && args[1] == "cold";
        (_, string data, string cache) = StudyBenchmarks.EnsureDataset();
        if (cold && Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        long baseline = PeakResidentBytes();
        var clock = Stopwatch.StartNew();
        StudyResult result = StudyRunner.Run(new StudyRequest { DataRoot = data, CacheFolder = cache, TrainClipsPerId = 0 });
        double seconds = clock.Elapsed.TotalSeconds;
        long peak = PeakResidentBytes();
        int clips = result.Ids.Sum(i => i.NormalCount + i.AnomalyCount);
        // The cached blocks are exactly the feature bytes the study holds (float32 [clips, n_mels, stored frames] + a small header).
        long featureBytes = Directory.EnumerateFiles(cache, "*.npy", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"study {(cold ? "cold" : "warm")}: {clips} clips, {seconds:F2} s wall, peak RSS {peak / 1e6:F0} MB "
            + $"(process before the study {baseline / 1e6:F0} MB), feature bytes {featureBytes / 1e6:F0} MB, peak / feature bytes {(double)peak / featureBytes:F2}");
        return 0;
    }

    /// <summary>VmHWM of this process from /proc (Linux); 0 elsewhere.</summary>
    private static long PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return 0;
        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
