using BenchmarkDotNet.Running;

// "vqvae2-step": a plain timing loop comparable to reference/pytorch_vqvae2_step.py; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "vqvae2-step") return AnomalyLab.Benchmarks.ModelBenchmarks.RunStepTiming(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(AnomalyLab.Benchmarks.ModelBenchmarks).Assembly).Run(args);
return 0;
