using AnomalyLab.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- --filter '*LogMel*'   (BenchmarkDotNet)
// dotnet run -c Release --project tests/AnomalyLab.Benchmarks -- throughput [repeats]  (quick clips/s, compare with reference/)
if (args.Length > 0 && args[0] == "throughput") return ThroughputRun.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(LogMelBenchmarks).Assembly).Run(args);
return 0;
