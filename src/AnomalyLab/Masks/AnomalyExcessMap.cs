namespace AnomalyLab.Masks;

/// <summary>
/// Where real anomalies of one machine id differ from normal: a non-negative map <c>[n_mels, frames]</c> (the study's excess localisation,
/// clipped at 0), with its normalised mel and time profiles and the extent (<see cref="MaskExtent"/>) of its anomalies.
/// </summary>
public sealed record AnomalyExcessMap
{
    /// <summary>
    /// Wraps <paramref name="values"/> <c>[n_mels, frames]</c>; negative values are clipped to 0 (only excess counts).
    /// <paramref name="extent"/> is the per-clip extent when clips were available (<see cref="RealExcessMaps"/>); without it the
    /// extent is measured on this id-level map with the fallback rule <see cref="ExtentOptions.ShareOfMaximum"/> (default half maximum).
    /// </summary>
    public AnomalyExcessMap(string machineId, float[,] values, MaskExtent? extent = null)
    {
        MachineId = machineId;
        int h = values.GetLength(0), w = values.GetLength(1);
        if (h < 1 || w < 1) throw new ArgumentException($"localisation map of {machineId} is empty ({h} × {w})");
        Values = new float[h, w];
        MelProfile = new double[h];
        TimeProfile = new double[w];
        double total = 0;
        for (int m = 0; m < h; m++)
            for (int t = 0; t < w; t++)
            {
                float v = values[m, t];
                if (float.IsNaN(v) || float.IsInfinity(v)) throw new ArgumentException($"localisation map of {machineId} has a non-finite value at mel {m}, frame {t}");
                v = Math.Max(0f, v);
                Values[m, t] = v;
                MelProfile[m] += v;
                TimeProfile[t] += v;
                total += v;
            }
        if (total <= 0) throw new ArgumentException($"localisation map of {machineId} has no positive excess: nothing to compare masks with");
        for (int m = 0; m < h; m++) MelProfile[m] /= total;
        for (int t = 0; t < w; t++) TimeProfile[t] /= total;
        Extent = extent ?? ExtentOfMap(Values, ExtentOptions.Default.ShareOfMaximum);
    }

    /// <summary>
    /// How large the anomalies are: per-clip run lengths and band widths (cell-weighted) when the map was built from clips, else measured
    /// on this map thresholded at a share of its maximum.
    /// </summary>
    public MaskExtent Extent { get; }

    /// <summary>The extent of a non-negative map <c>[n_mels, frames]</c> whose cells at or above <paramref name="shareOfMaximum"/> × max count as anomalous.</summary>
    public static MaskExtent ExtentOfMap(float[,] values, double shareOfMaximum)
    {
        int h = values.GetLength(0), w = values.GetLength(1);
        float max = 0;
        foreach (float v in values) max = Math.Max(max, v);
        if (max <= 0) throw new ArgumentException("a map without positive values has no anomalous cells to measure the extent of");
        var active = new bool[h * w];
        for (int m = 0; m < h; m++)
            for (int t = 0; t < w; t++) active[m * w + t] = values[m, t] >= shareOfMaximum * max;
        var tally = new MaskExtentTally(h, w);
        tally.AddMap(active);
        return tally.ToExtent();
    }

    /// <summary>Machine id (e.g. <c>id_00</c>).</summary>
    public string MachineId { get; }

    /// <summary>The clipped map <c>[n_mels, frames]</c>.</summary>
    public float[,] Values { get; }

    /// <summary>Share of the excess in each mel bin (sums to 1).</summary>
    public double[] MelProfile { get; }

    /// <summary>Share of the excess in each frame (sums to 1).</summary>
    public double[] TimeProfile { get; }

    /// <summary>Mel bins.</summary>
    public int MelBins => Values.GetLength(0);

    /// <summary>Frames.</summary>
    public int Frames => Values.GetLength(1);

    /// <summary>The map cropped or zero-padded in time to <paramref name="frames"/> (e.g. 313 real frames to a 320-frame mask grid).</summary>
    public AnomalyExcessMap WithFrames(int frames)
    {
        if (frames == Frames) return this;
        var values = new float[MelBins, frames];
        for (int m = 0; m < MelBins; m++)
            for (int t = 0; t < Math.Min(frames, Frames); t++) values[m, t] = Values[m, t];
        return new AnomalyExcessMap(MachineId, values, Extent);
    }
}
