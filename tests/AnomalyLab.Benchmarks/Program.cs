using AnomalyLab.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- --filter '*LogMel*'   (BenchmarkDotNet; add --inProcess to skip its extra build)
// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- throughput [repeats]  (quick clips/s, compare with reference/)
// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- vqvae2-step [...]     (timing loop comparable to reference/pytorch_vqvae2_step.py)
// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- study-run cold|warm    (fresh-process study time + peak RSS vs feature bytes)
// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- detectors-vs-sklearn [--scale 0.1]   (issue 8: ours vs scikit-learn, markdown table)
// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- packages-vs-ours [ref_dir] [repeats]   (issue 18: NWaves/NAudio vs ours vs torchaudio/scipy; docs/packages.md)
if (args.Length > 0 && args[0] == "packages-vs-ours") return PackagesVsOurs.Run(args[1..]);
// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- pytorch-import [ckpt.pt] [--encode-clips 64] [--codes ROOT TYPE]  (issue 16: import time, encode vs reference/pytorch_vqvae2_encode.py)
if (args.Length > 0 && args[0] == "pytorch-import") return PyTorchImportRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "detectors-vs-sklearn") return DetectorsVsSklearn.Run(args[1..]);
if (args.Length > 0 && args[0] == "throughput") return ThroughputRun.Run(args);
if (args.Length > 0 && args[0] == "study-run") return StudyRun.Run(args);
if (args.Length > 0 && args[0] == "vqvae2-step") return ModelBenchmarks.RunStepTiming(args[1..]);
// BenchmarkDotNet's default 2-minute limit for building its boilerplate project is too short on a busy 2-core machine.
ManualConfig config = ManualConfig.Create(DefaultConfig.Instance);
config.BuildTimeout = TimeSpan.FromMinutes(15);
BenchmarkSwitcher.FromAssembly(typeof(LogMelBenchmarks).Assembly).Run(args, config);
return 0;
