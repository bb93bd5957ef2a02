using AnomalyLab.Audio;

namespace AnomalyLab.Tests.Scoring;

/// <summary>
/// Small DCASE-layout machine recordings for scoring tests: each id hums at its own fundamental with harmonics,
/// slow amplitude wobble and broadband noise; an anomalous clip adds a faint off-harmonic whine or a rattle burst
/// train. Written as 16 kHz WAVs so tests exercise the whole WAV → log-mel → model path. Seeded.
/// </summary>
internal static class SyntheticMachineClips
{
    public const int SampleRate = 16000;

    public static readonly (string Id, double Fundamental)[] Ids = [("id_00", 180.0), ("id_02", 260.0)];

    /// <summary>Writes train (normal only) and test (normal + anomaly) clips under <c>root/machineType</c>.</summary>
    public static void Write(string root, string machineType, int trainPerId, int testPerClass, double seconds, int seed)
    {
        var random = new Random(seed);
        string train = Path.Combine(root, machineType, "train"), test = Path.Combine(root, machineType, "test");
        Directory.CreateDirectory(train);
        Directory.CreateDirectory(test);
        foreach (var (id, f0) in Ids)
        {
            for (int i = 0; i < trainPerId; i++) WavWriter.Write(Path.Combine(train, $"normal_{id}_{i:D8}.wav"), Clip(f0, seconds, anomaly: false, random), SampleRate);
            for (int i = 0; i < testPerClass; i++)
            {
                WavWriter.Write(Path.Combine(test, $"normal_{id}_{i:D8}.wav"), Clip(f0, seconds, anomaly: false, random), SampleRate);
                WavWriter.Write(Path.Combine(test, $"anomaly_{id}_{i:D8}.wav"), Clip(f0, seconds, anomaly: true, random), SampleRate);
            }
        }
    }

    private static float[] Clip(double f0, double seconds, bool anomaly, Random random)
    {
        int n = (int)(seconds * SampleRate);
        var x = new float[n];
        double jitter = 1 + 0.01 * (random.NextDouble() - 0.5);
        double wobbleRate = 0.5 + random.NextDouble();
        double[] phases = Enumerable.Range(0, 6).Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        bool whine = random.NextDouble() < 0.5;
        double whineFrequency = f0 * jitter * (4.5 + random.NextDouble() * 6); // between harmonics, 0.8–2.8 kHz
        for (int i = 0; i < n; i++)
        {
            double t = i / (double)SampleRate;
            double hum = 0;
            for (int h = 1; h <= 6; h++) hum += Math.Sin(2 * Math.PI * f0 * jitter * h * t + phases[h - 1]) / h;
            double value = 0.1 * (1 + 0.1 * Math.Sin(2 * Math.PI * wobbleRate * t)) * hum + 0.01 * Gaussian(random);
            if (anomaly)
            {
                if (whine) value += 0.006 * Math.Sin(2 * Math.PI * whineFrequency * t);
                else if ((t * 7) % 1.0 < 0.01) value += 0.05 * Gaussian(random); // 7 short rattles per second
            }
            x[i] = (float)value;
        }
        return x;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
