using System.Diagnostics;
using AnomalyLab.Data;
using AnomalyLab.Features;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- throughput [repeats]</c>: a quick side-by-side figure without BenchmarkDotNet's long runs.
/// Decodes and log-mels all slider clips with the one pipeline, <see cref="ClipFeatureExtractor.Extract"/> (all cores, no disk cache) after one warm-up
/// pass, and prints clips/s per repeat and the median — the same loop shape as reference/torchaudio_logmel_throughput.py.
/// </summary>
internal static class ThroughputRun
{
    public static int Run(string[] args)
    {
        int repeats = args.Length > 1 ? int.Parse(args[1]) : 5;
        IReadOnlyList<string> clips = BenchmarkClips.Slider();
        var extractor = new LogMelExtractor(LogMelOptions.Torchaudio);
        IReadOnlyList<ClipRecord> records = ClipFeatureExtractor.FromPaths(clips);
        var options = new FeatureExtractionOptions { LogMel = LogMelOptions.Torchaudio, Length = ClipFeatureExtractor.FullLength(records, LogMelOptions.Torchaudio), UseCache = false };
        ClipFeatureExtractor.Extract(records, options); // warm-up: JIT, file cache
        foreach (int threads in new[] { Environment.ProcessorCount, 1 })
        {
            var rates = new List<double>();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (int r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                ClipFeatureExtractor.Extract(records, options with { MaxDegreeOfParallelism = threads });
                rates.Add(clips.Count / clock.Elapsed.TotalSeconds);
            }
            double cpuPerClip = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (repeats * clips.Count);
            rates.Sort();
            Console.WriteLine($"anomalylab ClipFeatureExtractor, {threads} thread(s): {clips.Count} clips, clips/s per repeat [{string.Join(", ", rates.Select(x => x.ToString("F1")))}], " +
                              $"median {rates[rates.Count / 2]:F1}, best {rates[^1]:F1}; CPU time {cpuPerClip:F2} ms/clip");
        }
        // Where one thread's time goes: decode vs log-mel, over the same clips.
        var decode = new Stopwatch();
        var features = new Stopwatch();
        for (int r = 0; r < repeats; r++)
        {
            foreach (string clip in clips)
            {
                decode.Start();
                float[] samples = AnomalyLab.Audio.AudioLoader.LoadMono(clip, AnomalyLab.Audio.ChannelSelection.First, 16000);
                decode.Stop();
                features.Start();
                extractor.Extract(samples);
                features.Stop();
            }
        }
        int total = repeats * clips.Count;
        Console.WriteLine($"one thread, per clip: WAV decode {decode.Elapsed.TotalMilliseconds / total:F2} ms, log-mel {features.Elapsed.TotalMilliseconds / total:F2} ms");
        return 0;
    }
}
