namespace AnomalyLab.Data.Vibration;

/// <summary>Settings of <see cref="SyntheticAccelerometerSignals"/>.</summary>
/// <param name="Length">Samples per signal; default 61,440 (Airbus: 60 s at 1024 Hz).</param>
/// <param name="SampleRate">Hz; default 1024.</param>
/// <param name="Seed">Random seed; same seed → same file.</param>
public sealed record SyntheticAccelerometerOptions(int Length = 61_440, double SampleRate = 1024, int Seed = 0)
{
    /// <summary>The Airbus helicopter challenge shape: 61,440 samples at 1024 Hz.</summary>
    public static SyntheticAccelerometerOptions Airbus { get; } = new();
}

/// <summary>
/// Deterministic stand-in for Airbus-style accelerometer rows: a rotor tone with harmonics plus noise for normal signals;
/// anomalous signals add an impulsive train (bearing-like impacts) or a shifted tone. Used to exercise the loaders and the
/// functional-detection pipeline without the (unavailable) real data.
/// </summary>
public static class SyntheticAccelerometerSignals
{
    /// <summary>One signal <c>[Length]</c>; <paramref name="anomalous"/> adds a fault signature. Row index seeds the variation.</summary>
    public static double[] Generate(SyntheticAccelerometerOptions options, int row, bool anomalous)
    {
        // HashCode.Combine is randomised per process; this mix is stable across runs.
        var rng = new Random(unchecked(options.Seed * 1_000_003 + row * 2 + (anomalous ? 1 : 0)));
        double fs = options.SampleRate, rotor = 17.0 + rng.NextDouble(), phase = rng.NextDouble() * 2 * Math.PI;
        double impactRate = 7.3 + rng.NextDouble(), kind = rng.NextDouble();
        var x = new double[options.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double t = i / fs;
            double v = Math.Sin(2 * Math.PI * rotor * t + phase) + 0.4 * Math.Sin(2 * Math.PI * 2 * rotor * t) + 0.15 * Math.Sin(2 * Math.PI * 5 * rotor * t);
            v += 0.3 * MachineSoundSynthesizer.Gaussian(rng);
            if (anomalous)
            {
                if (kind < 0.5)
                {
                    double sinceImpact = t % (1.0 / impactRate);
                    v += 1.5 * Math.Exp(-sinceImpact * 60) * Math.Sin(2 * Math.PI * 180 * sinceImpact);
                }
                else v += 0.6 * Math.Sin(2 * Math.PI * 3.5 * rotor * t);
            }
            x[i] = v;
        }
        return x;
    }

    /// <summary>Writes <paramref name="normal"/> normal rows followed by <paramref name="anomalous"/> anomalous rows to a row-per-signal file.</summary>
    /// <returns>Labels in row order (false = normal).</returns>
    public static bool[] WriteFile(string path, int normal, int anomalous, SyntheticAccelerometerOptions? options = null)
    {
        options ??= SyntheticAccelerometerOptions.Airbus;
        var labels = Enumerable.Repeat(false, normal).Concat(Enumerable.Repeat(true, anomalous)).ToArray();
        SignalTableWriter.Write(path, labels.Select((a, i) => Generate(options, i, a)));
        return labels;
    }
}
