using System.Diagnostics;
using AnomalyLab.IO;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Studies.Codes;
using AnomalyLab.Training;
using TorchSharp;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- pytorch-import [checkpoint.pt] [--encode-clips N] [--codes DATA_ROOT MACHINE]</c> (issue 16):
/// import time of a seed-size PyTorch Stage-1 checkpoint (3.5 M values; first call includes TorchSharp's start-up, then the
/// median of 5), the eval-mode encode of N real log-mel windows (compare s/clip with
/// <c>reference/pytorch_vqvae2_encode.py</c> on the same machine), and optionally a warm <see cref="CodeStudy"/> run.
/// </summary>
internal static class PyTorchImportRun
{
    public static int Run(string[] args)
    {
        string goldens = Path.Combine(FindRoot(), "tests", "AnomalyLab.Tests", "Goldens", "vqvae2_pytorch");
        string checkpoint = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : Path.Combine(goldens, "seed_stage1_best.pt");
        int encodeClips = Value(args, "--encode-clips") is { } n ? int.Parse(n) : 64;
        var options = new PyTorchImportOptions { Normalization = InputNormalization.None };

        var times = new List<double>();
        for (int i = 0; i < 6; i++)
        {
            var clock = Stopwatch.StartNew();
            using LoadedCheckpoint loaded = ModelCheckpoint.Load(checkpoint, options);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        var clockRead = Stopwatch.StartNew();
        using (PyTorchStateDict state = PyTorchStateDictFile.Read(checkpoint))
            Console.WriteLine($"import {Path.GetFileName(checkpoint)} ({state.ValueCount:N0} values, {state.Tensors.Count} tensors): first {times[0]:F2} s (incl. TorchSharp start-up), "
                + $"then median {Median(times.Skip(1)):F3} s; of which unpickling {clockRead.Elapsed.TotalSeconds:F3} s");

        using LoadedCheckpoint model = ModelCheckpoint.Load(checkpoint, options);
        VqVae2Network network = ((VqVae2TrainableModel)model.Model).Model;
        NpyArray inputs = NpyFile.Read(Path.Combine(goldens, "inputs.npy"));
        int size = inputs.Shape[1] * inputs.Shape[2] * inputs.Shape[3];
        var batch = new float[(long)encodeClips * size];
        for (int c = 0; c < encodeClips; c++) Array.Copy(inputs.Values, (c % inputs.Shape[0]) * size, batch, (long)c * size, size);
        VqVae2Inference.Run(network, batch[..(Math.Min(16, encodeClips) * size)], Math.Min(16, encodeClips), inputs.Shape[2], inputs.Shape[3], 16, reconstruct: false); // warm-up
        var encode = Stopwatch.StartNew();
        VqVae2Inference.Run(network, batch, encodeClips, inputs.Shape[2], inputs.Shape[3], 16, reconstruct: false);
        double perClip = encode.Elapsed.TotalSeconds / encodeClips;
        Console.WriteLine($"encode (codes only, batch 16, {torch.get_num_threads()} threads): {encodeClips} windows in {encode.Elapsed.TotalSeconds:F2} s = {perClip * 1e3:F1} ms/clip "
            + $"(a 2,000-clip type: {perClip * 2000:F0} s)");

        if (Value(args, "--codes") is { } root)
        {
            string machine = args[Array.IndexOf(args, "--codes") + 2];
            var request = new CodeStudyRequest { DataRoot = root, MachineType = machine };
            CodeStudy.Run(model, request); // fills the feature cache
            var codes = Stopwatch.StartNew();
            CodeStudyResult result = CodeStudy.Run(model, request);
            int clips = result.Ids.Sum(s => s.NormalCount + s.AnomalyCount + s.ReferenceCount);
            Console.WriteLine($"codes {machine} (warm cache): {clips} clips encoded + study in {codes.Elapsed.TotalSeconds:F1} s = {codes.Elapsed.TotalSeconds / clips * 1e3:F1} ms/clip");
        }
        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string FindRoot()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder != null && !File.Exists(Path.Combine(folder, "AnomalyLab.sln"))) folder = Path.GetDirectoryName(folder);
        return folder ?? throw new InvalidOperationException("AnomalyLab.sln not found.");
    }
}
