using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AnomalyLab.Clustering;
using AnomalyLab.Detectors;
using AnomalyLab.Embeddings;
using AnomalyLab.IO;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- detectors-vs-sklearn [--scale 1] [--python /usr/bin/python3] [--no-python] [--only lof,iforest,hdbscan,tsne,knn] [--out table.md]</c>:
/// every speed comparison of issue 8 in one run. Times ours on the issue's sizes (LOF, Isolation Forest, HDBSCAN,
/// t-SNE on 5,000 × 128; exact k-NN 20,000 × 640 against 20,000 queries), writes the same matrices as <c>.npy</c> to a
/// temp folder, runs <c>reference/detectors_vs_sklearn.py</c> on them with Debian's Python when scikit-learn is there,
/// and prints a markdown table of medians and ratios (ours / scikit-learn; below 1 = we are faster).
/// <c>--scale</c> multiplies every row count (0.1 for a quick end-to-end check). About 7 minutes (measured) on 2 idle cores at
/// scale 1, most of it scikit-learn's t-SNE and brute-force k-NN.
/// </summary>
internal static class DetectorsVsSklearn
{
    /// <summary>One comparison: ours runs <paramref name="Repeats"/> times, scikit-learn <paramref name="SklearnRepeats"/> times (fewer where it takes minutes).</summary>
    private sealed record Workload(string Name, string Description, int Repeats, int SklearnRepeats, bool Warmup, Func<object> Prepare, Action<object> Run);

    public static int Run(string[] args)
    {
        double scale = Option(args, "--scale", 1.0);
        string python = OptionText(args, "--python") ?? "/usr/bin/python3";
        bool usePython = !args.Contains("--no-python");
        string? output = OptionText(args, "--out");
        int Rows(int full) => Math.Max(50, (int)Math.Round(full * scale));

        string folder = Path.Combine(Path.GetTempPath(), $"anomalylab-vs-sklearn-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            int small = Rows(5000), large = Rows(20000);
            Console.WriteLine($"data in {folder}; scale {scale} → {small} × 128 and {large} × 640; load average {LoadAverage()}");
            double[,] lofTrain = BenchmarkData.Matrix(small, 128, 1), lofTest = BenchmarkData.Matrix(small, 128, 2);
            double[,] blobs = BenchmarkBlobs.Create(small, 128, 10);
            double[,] knnTrain = BenchmarkData.Matrix(large, 640, 3), knnTest = BenchmarkData.Matrix(large, 640, 4);
            foreach (var (name, matrix) in new[] { ("lof_train", lofTrain), ("lof_test", lofTest), ("blobs", blobs), ("knn_train", knnTrain), ("knn_test", knnTest) })
                NpyFile.Write(Path.Combine(folder, name + ".npy"), MemoryMarshal.CreateReadOnlySpan(ref matrix[0, 0], matrix.Length), matrix.GetLength(0), matrix.GetLength(1));

            double[]? knnScores = null;
            var workloads = new List<Workload>
            {
                new("lof", $"LOF k = 20, fit {small} × 128, score {small}", 5, 5, true, () => (lofTrain, lofTest), data =>
                {
                    var (train, test) = ((double[,], double[,]))data;
                    var lof = new LocalOutlierFactor();
                    lof.Fit(train);
                    lof.Score(test);
                }),
                new("iforest", $"Isolation Forest 100 trees, fit {small} × 128, score {small}", 5, 5, true, () => (lofTrain, lofTest), data =>
                {
                    var (train, test) = ((double[,], double[,]))data;
                    var forest = new IsolationForest();
                    forest.Fit(train);
                    forest.Score(test);
                }),
                new("hdbscan", $"HDBSCAN min cluster size 5, {small} × 128 blobs", 3, 3, true, () => blobs,
                    data => Hdbscan.Fit((double[,])data, new HdbscanOptions(MinClusterSize: 5))),
                new("tsne", $"t-SNE 2-D Barnes–Hut, {small} × 128 blobs", 2, 1, false, () => blobs,
                    data => Tsne.Fit((double[,])data, TsneOptions.ScikitLearn2D)),
                new("knn", $"exact k-NN k = 5, {large} × 640 vs {large} queries", 3, 2, false, () => (knnTrain, knnTest), data =>
                {
                    var (train, test) = ((double[,], double[,]))data;
                    var knn = new KnnDetector();
                    knn.Fit(train);
                    knnScores = knn.Score(test);
                }),
            };
            if (OptionText(args, "--only") is string only)
            {
                string[] names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                string[] unknown = names.Except(workloads.Select(w => w.Name)).ToArray();
                if (unknown.Length > 0) throw new ArgumentException($"--only: unknown workload(s) {string.Join(", ", unknown)}; expected {string.Join(", ", workloads.Select(w => w.Name))}.");
                workloads.RemoveAll(w => !names.Contains(w.Name));
            }
            AtomicFile.WriteAllText(Path.Combine(folder, "plan.json"), JsonSerializer.Serialize(new
            {
                workloads = workloads.Select(w => new { name = w.Name, repeats = w.SklearnRepeats, warmup = w.Warmup }),
            }));

            var ours = new Dictionary<string, List<double>>();
            foreach (Workload workload in workloads)
            {
                object data = workload.Prepare();
                if (workload.Warmup) workload.Run(data);
                var times = new List<double>();
                for (int r = 0; r < workload.Repeats; r++)
                {
                    var clock = Stopwatch.StartNew();
                    workload.Run(data);
                    times.Add(clock.Elapsed.TotalSeconds);
                }
                ours[workload.Name] = times;
                Console.WriteLine($"ours {workload.Name}: runs [{string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}] s; load average {LoadAverage()}");
            }

            Dictionary<string, List<double>>? sklearn = null;
            if (usePython) sklearn = RunPython(python, folder);
            string table = Table(workloads, ours, sklearn, scale) + KnnParity(knnScores, Path.Combine(folder, "knn_scores.json"));
            Console.WriteLine();
            Console.WriteLine(table);
            if (output is not null) AtomicFile.WriteAllText(output, table);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, List<double>>? RunPython(string python, string folder)
    {
        string script = Path.Combine(ReferenceFolder(), "detectors_vs_sklearn.py");
        if (!File.Exists(python))
        {
            Console.WriteLine($"{python} not found: scikit-learn column left empty.");
            return null;
        }
        var check = Process.Start(new ProcessStartInfo(python, ["-c", "import sklearn, scipy"]) { RedirectStandardError = true })!;
        check.WaitForExit();
        if (check.ExitCode != 0)
        {
            Console.WriteLine($"{python} has no scikit-learn/scipy: scikit-learn column left empty.");
            return null;
        }
        Console.WriteLine($"running {python} {script} (load average {LoadAverage()})");
        var process = Process.Start(new ProcessStartInfo(python, [script, folder]))!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{script} exited with code {process.ExitCode}.");
        string json = File.ReadAllText(Path.Combine(folder, "sklearn.json"));
        return JsonSerializer.Deserialize<Dictionary<string, List<double>>>(json);
    }

    private static string Table(List<Workload> workloads, Dictionary<string, List<double>> ours, Dictionary<string, List<double>>? sklearn, double scale)
    {
        var text = new StringBuilder();
        text.AppendLine($"Issue 8 speed comparison (scale {scale.ToString(CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores, load average after: {LoadAverage()})");
        text.AppendLine();
        text.AppendLine("| workload | runs (ours / sklearn) | ours median (s) | scikit-learn median (s) | ratio ours / sklearn |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (Workload workload in workloads)
        {
            double mine = Median(ours[workload.Name]);
            string theirs = "—", ratio = "—", runs = $"{ours[workload.Name].Count} / —";
            if (sklearn is not null && sklearn.TryGetValue(workload.Name, out List<double>? times) && times.Count > 0)
            {
                double median = Median(times);
                theirs = median.ToString("F3", CultureInfo.InvariantCulture);
                ratio = (mine / median).ToString("F3", CultureInfo.InvariantCulture);
                runs = $"{ours[workload.Name].Count} / {times.Count}";
            }
            text.AppendLine($"| {workload.Description} | {runs} | {mine.ToString("F3", CultureInfo.InvariantCulture)} | {theirs} | {ratio} |");
        }
        text.AppendLine();
        text.AppendLine("HDBSCAN reference: numpy core distances + scipy single linkage (scikit-learn 1.2.1 has no HDBSCAN; see reference/clustering_reference.py).");
        return text.ToString();
    }

    /// <summary>A line comparing our k-th-neighbour distances with scikit-learn's on the benchmark data (empty without both).</summary>
    private static string KnnParity(double[]? ours, string sklearnScores)
    {
        if (ours is null || !File.Exists(sklearnScores)) return "";
        double[] theirs = JsonSerializer.Deserialize<double[]>(File.ReadAllText(sklearnScores))
            ?? throw new InvalidDataException($"{sklearnScores}: expected a JSON array of numbers.");
        if (theirs.Length != ours.Length) throw new InvalidDataException($"{sklearnScores}: {theirs.Length} scores, ours {ours.Length}.");
        double largest = theirs.Max(Math.Abs), difference = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
        return $"k-NN check: largest |ours − scikit-learn| of the 5th-neighbour distance = {difference:E2} ({difference / largest:E2} of the largest; " +
               "scikit-learn's float64 distances use the GEMM form ‖a‖² + ‖b‖² − 2a·b, ours √Σ(aᵢ − bᵢ)² directly)." + Environment.NewLine;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>reference/ next to this source file's project, found from the working or the build output folder.</summary>
    private static string ReferenceFolder()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "AnomalyLab.Benchmarks", "reference");
                if (File.Exists(Path.Combine(candidate, "detectors_vs_sklearn.py"))) return candidate;
                if (File.Exists(Path.Combine(dir.FullName, "reference", "detectors_vs_sklearn.py"))) return Path.Combine(dir.FullName, "reference");
            }
        }
        throw new FileNotFoundException("reference/detectors_vs_sklearn.py not found above the working or output folder; run from the repository.");
    }

    private static double Option(string[] args, string name, double fallback) =>
        OptionText(args, name) is string text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        if (at < 0) return null;
        if (at + 1 >= args.Length) throw new ArgumentException($"{name} needs a value.");
        return args[at + 1];
    }
}
