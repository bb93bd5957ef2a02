using AnomalyLab.Audio;
using AnomalyLab.Data;
using AnomalyLab.Features;
using BenchmarkDotNet.Attributes;

namespace AnomalyLab.Benchmarks;

/// <summary>
/// Log-mel (Torchaudio preset) of the 155 real 10 s slider clips, WAV decoding included, as the torchaudio reference
/// (reference/torchaudio_logmel_throughput.py) measures it. Clips/s = 155 / mean time of <see cref="Batch_all_cores"/>.
/// </summary>
[MemoryDiagnoser]
public class LogMelBenchmarks
{
    private IReadOnlyList<string> _clips = [];
    private LogMelExtractor _extractor = null!;
    private float[] _samples = [];
    private IReadOnlyList<ClipRecord> _records = [];
    private FeatureExtractionOptions _options = FeatureExtractionOptions.Default;

    [GlobalSetup]
    public void Setup()
    {
        _clips = BenchmarkClips.Slider();
        _extractor = new LogMelExtractor(LogMelOptions.Torchaudio);
        _samples = WavReader.Read(_clips[0]).Channel(0);
        _records = ClipFeatureExtractor.FromPaths(_clips);
        _options = new FeatureExtractionOptions { LogMel = LogMelOptions.Torchaudio, Length = ClipFeatureExtractor.FullLength(_records, LogMelOptions.Torchaudio), UseCache = false };
    }

    /// <summary>All clips, decode + log-mel, on all cores.</summary>
    [Benchmark]
    public int Batch_all_cores() => ClipFeatureExtractor.Extract(_records, _options).Count;

    /// <summary>All clips, decode + log-mel, one thread.</summary>
    [Benchmark]
    public int Batch_one_thread() => ClipFeatureExtractor.Extract(_records, _options with { MaxDegreeOfParallelism = 1 }).Count;

    /// <summary>One clip from disk: decode + log-mel.</summary>
    [Benchmark]
    public float[,] One_file() => _extractor.ExtractFile(_clips[0]);

    /// <summary>One clip already in memory: log-mel only.</summary>
    [Benchmark]
    public float[,] One_clip_in_memory() => _extractor.Extract(_samples);

    /// <summary>One clip: WAV decode only.</summary>
    [Benchmark]
    public WavAudio One_wav_decode() => WavReader.Read(_clips[0]);
}
