using AnomalyLab.Data;

namespace AnomalyLab.Masks;

/// <summary>
/// The test clips of one machine id that its <see cref="AnomalyExcessMap"/> is built from, kept so the map can be rebuilt from
/// clips drawn with replacement (a bootstrap over clips: is a difference between presets real, or the luck of these clips?).
/// </summary>
/// <param name="MachineId">Machine id, e.g. <c>id_00</c>.</param>
/// <param name="Normal">Normal test clips <c>[clips, n_mels, frames]</c>.</param>
/// <param name="Anomalous">Anomalous test clips, same geometry.</param>
public sealed record ExcessMapClips(string MachineId, LogMelBatch Normal, LogMelBatch Anomalous)
{
    /// <summary>The excess map of all clips (<see cref="RealExcessMaps.FromBatches"/>).</summary>
    public AnomalyExcessMap Map(ExtentOptions? extent = null) => RealExcessMaps.FromBatches(MachineId, Normal, Anomalous, extent);

    /// <summary>
    /// Bootstrap replicate <paramref name="replicate"/> of <paramref name="seed"/>: normal and anomalous clips each drawn with
    /// replacement (stratified, same counts), and the map rebuilt from them. Deterministic in (seed, replicate, machine id).
    /// Null when the drawn clips show no positive excess at all (possible with very few clips; the caller counts such replicates).
    /// </summary>
    public AnomalyExcessMap? Resampled(ulong seed, int replicate, ExtentOptions? extent = null)
    {
        var rng = SplitMix64.ForItem(seed ^ StableHash(MachineId), replicate);
        var normal = Draw(Normal, rng);
        var anomalous = Draw(Anomalous, rng);
        double[,] meanNormal = MeanSpectrogram.Compute(normal);
        double[,] excess = LocalizationMap.Excess(LocalizationMap.MeanAbsoluteDeviation(anomalous, meanNormal), LocalizationMap.MeanAbsoluteDeviation(normal, meanNormal));
        bool any = false;
        foreach (double v in excess) any |= v > 0;
        return any ? new AnomalyExcessMap(MachineId, MeanSpectrogram.ToFloat(excess), RealExcessMaps.ClipExtent(normal, anomalous, meanNormal, extent ?? ExtentOptions.Default)) : null;
    }

    private static LogMelBatch Draw(LogMelBatch batch, SplitMix64 rng)
    {
        var values = new float[(long)batch.Count * batch.ClipSize];
        for (int c = 0; c < batch.Count; c++) batch.Clip(rng.NextInt(0, batch.Count - 1)).CopyTo(values.AsSpan(c * batch.ClipSize, batch.ClipSize));
        return new LogMelBatch(values, batch.Count, batch.NMels, batch.Frames, batch.ValidFrames);
    }

    private static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text) hash = unchecked((hash ^ c) * 1099511628211UL);
        return hash;
    }
}
