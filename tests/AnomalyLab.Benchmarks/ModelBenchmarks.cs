using System.Diagnostics;
using AnomalyLab.Models.VqVae2;
using AnomalyLab.Models;
using AnomalyLab.Training;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// One VQ-VAE-2 training step (default options, batch 8 of 1×128×320, Adam 2e-4, MSE + commitment losses) on the CPU
/// with two intra-op threads — the same step as reference/pytorch_vqvae2_step.py for PyTorch.
/// BenchmarkDotNet: <c>dotnet run -c Release -- --filter *VqVae2*</c>; quick timing loop comparable to the Python script:
/// <c>dotnet run -c Release -- vqvae2-step --reps 10 --warmup 2</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ModelBenchmarks
{
    private VqVae2TrainableModel model = null!;
    private TorchSharp.Modules.Adam optimizer = null!;
    private Tensor input = null!;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        manual_seed(0);
        model = new VqVae2TrainableModel(VqVae2Options.Default);
        model.Network.train();
        optimizer = optim.Adam(model.Network.parameters(), 2e-4);
        input = randn(8, 1, 128, 320);
    }

    [Benchmark(Description = "VqVae2 training step, batch 8, 1x128x320")]
    public double VqVae2TrainingStep()
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        TrainingLoss loss = model.Loss(input);
        loss.Total.backward();
        optimizer.step();
        return loss.Total.item<float>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        input.Dispose();
        optimizer.Dispose();
        model.Dispose();
    }

    /// <summary>Times <c>reps</c> steps after <c>warmup</c> steps and prints one JSON line like the Python reference.</summary>
    public static int RunStepTiming(string[] args)
    {
        int reps = ArgValue(args, "--reps", 10), warmup = ArgValue(args, "--warmup", 2);
        var benchmark = new ModelBenchmarks();
        benchmark.Setup();
        for (int i = 0; i < warmup; i++) benchmark.VqVae2TrainingStep();
        var times = new List<double>();
        for (int i = 0; i < reps; i++)
        {
            long start = Stopwatch.GetTimestamp();
            benchmark.VqVae2TrainingStep();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        benchmark.Cleanup();
        times.Sort();
        double median = reps % 2 == 1 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
        {
            framework = "torchsharp 0.107",
            threads = 2,
            batch = 8,
            input = new[] { 1, 128, 320 },
            median_s = median,
            mean_s = times.Average(),
            min_s = times[0],
            reps,
        }));
        return 0;
    }

    private static int ArgValue(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
