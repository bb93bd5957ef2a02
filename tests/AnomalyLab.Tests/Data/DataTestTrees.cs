using AnomalyLab.Audio;
using AnomalyLab.Data;

namespace AnomalyLab.Tests.Data;

/// <summary>Small synthetic folder trees and datasets for the Data tests.</summary>
internal static class DataTestTrees
{
    /// <summary>A short tone, 16 kHz mono 16-bit, <paramref name="seconds"/> long.</summary>
    public static void WriteTone(string path, double seconds = 1.0, double hz = 440, int channels = 1, int sampleRate = 16000)
    {
        int frames = (int)(seconds * sampleRate);
        var samples = new float[frames * channels];
        for (int i = 0; i < frames; i++)
            for (int c = 0; c < channels; c++) samples[i * channels + c] = 0.1f * (float)Math.Sin(2 * Math.PI * hz * (c + 1) * i / sampleRate);
        WavWriter.Write(path, samples, sampleRate, channels);
    }

    /// <summary>A tiny synthetic dataset: one or two types, two ids, 3 s clips.</summary>
    public static SyntheticDatasetOptions Tiny(int seed = 7) => new()
    {
        Seed = seed,
        MachineTypes = ["fan"],
        MachineIds = [0, 2],
        TrainClipsPerId = 3,
        TestNormalClipsPerId = 2,
        TestAnomalyClipsPerId = 2,
        DurationSeconds = 3,
    };
}
