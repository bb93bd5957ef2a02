using AnomalyLab.Audio;
using BenchmarkDotNet.Attributes;

namespace AnomalyLab.Benchmarks;

/// <summary>Resampling 10 s of audio to 16 kHz (scipy resample_poly's filter).</summary>
public class ResampleBenchmarks
{
    private float[] _signal44k = [];
    private float[] _signal48k = [];

    [GlobalSetup]
    public void Setup()
    {
        _signal44k = Tone(441000, 44100);
        _signal48k = Tone(480000, 48000);
    }

    [Benchmark]
    public float[] From_44100_to_16000() => Resampler.Resample(_signal44k, 44100, 16000);

    [Benchmark]
    public float[] From_48000_to_16000() => Resampler.Resample(_signal48k, 48000, 16000);

    private static float[] Tone(int n, int rate)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)Math.Sin(2 * Math.PI * 440 * i / rate);
        return x;
    }
}
