namespace AnomalyLab.Studies;

/// <summary>
/// The shortest contiguous run of mel bins that holds at least a given share of a map's positive mass
/// (e.g. half of the excess deviation). Mass per bin = sum over frames of max(value, 0).
/// </summary>
/// <param name="Low">First mel bin of the run (inclusive).</param>
/// <param name="High">Last mel bin of the run (inclusive).</param>
/// <param name="Share">Share of the total positive mass inside the run, 0..1.</param>
/// <param name="TotalMass">Total positive mass of the map (dB·cells); 0 means the map has no positive cell and the run is the whole axis.</param>
public sealed record MelMassRange(int Low, int High, double Share, double TotalMass)
{
    /// <summary>Number of bins in the run.</summary>
    public int Width => High - Low + 1;

    /// <summary>Finds the shortest run of <paramref name="map"/> <c>[n_mels, frames]</c> holding ≥ <paramref name="share"/> of its positive mass; ties go to the lowest start.</summary>
    public static MelMassRange Shortest(double[,] map, double share = 0.5)
    {
        if (share is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(share), share, "The mass share must be in (0, 1].");
        int nMels = map.GetLength(0), frames = map.GetLength(1);
        var mass = new double[nMels];
        double total = 0;
        for (int m = 0; m < nMels; m++)
        {
            for (int t = 0; t < frames; t++) mass[m] += Math.Max(0, map[m, t]);
            total += mass[m];
        }
        if (total <= 0) return new MelMassRange(0, nMels - 1, 0, 0);
        double needed = share * total * (1 - 1e-12);
        int bestLow = 0, bestHigh = nMels - 1;
        double bestMass = total;
        int low = 0;
        double window = 0;
        for (int high = 0; high < nMels; high++)
        {
            window += mass[high];
            while (low < high && window - mass[low] >= needed)
            {
                window -= mass[low];
                low++;
            }
            if (window >= needed && high - low < bestHigh - bestLow)
            {
                bestLow = low;
                bestHigh = high;
                bestMass = window;
            }
        }
        return new MelMassRange(bestLow, bestHigh, bestMass / total, total);
    }
}
