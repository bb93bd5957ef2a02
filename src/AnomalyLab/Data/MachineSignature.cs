namespace AnomalyLab.Data;

/// <summary>
/// The normal sound of one synthetic machine id: a harmonic series with slow amplitude and frequency drift plus
/// coloured noise and a broadband resonance, and the kind/band of its anomaly. Drawn once per (seed, type, id).
/// </summary>
/// <param name="FundamentalHz">Fundamental frequency, Hz.</param>
/// <param name="HarmonicAmplitudes">Relative amplitude of harmonic k+1, shape <c>[harmonics]</c>.</param>
/// <param name="AmDepth">Amplitude-modulation depth (0..1).</param>
/// <param name="AmRateHz">Amplitude-modulation rate, Hz.</param>
/// <param name="FmDepth">Relative frequency drift depth (e.g. 0.005 = ±0.5 %).</param>
/// <param name="FmRateHz">Frequency drift rate, Hz.</param>
/// <param name="NoisePole">AR(1) pole of the coloured noise (closer to 1 = darker).</param>
/// <param name="NoiseShare">Share of the clip's power in the coloured noise (0..1).</param>
/// <param name="ResonanceHz">Centre of a band-pass noise resonance giving the id a high-frequency colour, Hz.</param>
/// <param name="Anomaly">The id's anomaly kind.</param>
/// <param name="AnomalyBandLowHz">Lower edge of the anomaly band, Hz.</param>
/// <param name="AnomalyBandHighHz">Upper edge of the anomaly band, Hz.</param>
public sealed record MachineSignature(
    double FundamentalHz,
    double[] HarmonicAmplitudes,
    double AmDepth,
    double AmRateHz,
    double FmDepth,
    double FmRateHz,
    double NoisePole,
    double NoiseShare,
    double ResonanceHz,
    SyntheticAnomalyKind Anomaly,
    double AnomalyBandLowHz,
    double AnomalyBandHighHz)
{
    /// <summary>The signature of id number <paramref name="idIndex"/> (position in the id list) of <paramref name="machineType"/>.</summary>
    public static MachineSignature Draw(int seed, string machineType, int machineId, int idIndex)
    {
        var random = new Random(StableHash.Seed(seed, $"signature/{machineType}/{machineId}"));
        // Each type gets its own register; ids within a type are spread apart so each is distinct.
        double typeBase = 55 + 70 * random.NextDouble();
        double f0 = typeBase * (1 + 0.45 * idIndex) * (0.97 + 0.06 * random.NextDouble());
        int harmonics = 6 + random.Next(7);
        double decay = 0.15 + 0.35 * random.NextDouble();
        var amplitudes = new double[harmonics];
        for (int k = 0; k < harmonics; k++) amplitudes[k] = Math.Exp(-decay * k) * (0.4 + 0.6 * random.NextDouble());
        var kind = (SyntheticAnomalyKind)(idIndex % 3);
        (double low, double high) = kind switch
        {
            SyntheticAnomalyKind.ImpulseTrain => Centered(2500 + 2500 * random.NextDouble(), 450),
            SyntheticAnomalyKind.HarmonicShift => (1000 + 300 * random.NextDouble(), 2200 + 400 * random.NextDouble()),
            _ => (4800 + 800 * random.NextDouble(), 6600 + 600 * random.NextDouble()),
        };
        return new MachineSignature(
            FundamentalHz: f0,
            HarmonicAmplitudes: amplitudes,
            AmDepth: 0.08 + 0.15 * random.NextDouble(),
            AmRateHz: 0.1 + 0.3 * random.NextDouble(),
            FmDepth: 0.003 + 0.007 * random.NextDouble(),
            FmRateHz: 0.05 + 0.15 * random.NextDouble(),
            NoisePole: 0.6 + 0.35 * random.NextDouble(),
            NoiseShare: 0.2 + 0.2 * random.NextDouble(),
            ResonanceHz: 700 + 2500 * random.NextDouble(),
            Anomaly: kind,
            AnomalyBandLowHz: low,
            AnomalyBandHighHz: high);
    }

    private static (double, double) Centered(double centre, double halfWidth) => (centre - halfWidth, centre + halfWidth);
}
