namespace AnomalyLab.Masks;

/// <summary>
/// Where real anomalies of one machine id differ from normal: a non-negative map <c>[n_mels, frames]</c> (the study's excess localisation,
/// clipped at 0), with its normalised mel and time profiles.
/// </summary>
public sealed record LocalizationMap
{
    /// <summary>Wraps <paramref name="values"/> <c>[n_mels, frames]</c>; negative values are clipped to 0 (only excess counts).</summary>
    public LocalizationMap(string machineId, float[,] values)
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
    public LocalizationMap WithFrames(int frames)
    {
        if (frames == Frames) return this;
        var values = new float[MelBins, frames];
        for (int m = 0; m < MelBins; m++)
            for (int t = 0; t < Math.Min(frames, Frames); t++) values[m, t] = Values[m, t];
        return new LocalizationMap(MachineId, values);
    }
}
