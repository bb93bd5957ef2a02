namespace AnomalyLab.Features;

/// <summary>Power → decibel conversion (torchaudio AmplitudeToDB / librosa power_to_db, and the DCASE baseline's variant).</summary>
public static class Decibels
{
    /// <summary>
    /// Converts power values to dB in place of a new array: 10·log10(floor(x)) − 10·log10(max(amin, reference)),
    /// then, when <paramref name="topDb"/> is set, clamps every value to at least (max − topDb) over the whole array (per clip).
    /// </summary>
    /// <param name="power">Power values, shape <c>[n_mels, frames]</c>.</param>
    /// <param name="floor">Clamp (max(x, amin)) or add epsilon (x + amin).</param>
    /// <param name="amin">Floor, power units.</param>
    /// <param name="reference">Reference power (1.0 = dB re unit power).</param>
    /// <param name="topDb">Dynamic range below the maximum to keep, dB; null = unlimited.</param>
    /// <returns>dB values as float32, shape <c>[n_mels, frames]</c>.</returns>
    public static float[,] FromPower(double[,] power, DecibelFloor floor, double amin, double reference, double? topDb)
    {
        int rows = power.GetLength(0), cols = power.GetLength(1);
        var db = new float[rows, cols];
        double offset = 10.0 * Math.Log10(Math.Max(amin, reference));
        double max = double.NegativeInfinity;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                double x = power[r, c];
                double value = 10.0 * Math.Log10(floor == DecibelFloor.Clamp ? Math.Max(x, amin) : x + amin) - offset;
                db[r, c] = (float)value;
                if (value > max) max = value;
            }
        }
        if (topDb is double range && rows * cols > 0)
        {
            float threshold = (float)(max - range);
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    if (db[r, c] < threshold) db[r, c] = threshold;
        }
        return db;
    }
}
