namespace AnomalyLab.Studies;

/// <summary>
/// The cell of a deviation map with the largest value. Fractions place it on a 0..1 axis:
/// <c>MelFraction = Mel / (n_mels − 1)</c>, <c>TimeFraction = Frame / (frames − 1)</c> (0 = lowest band / first frame).
/// Ties go to the lowest mel bin, then the earliest frame.
/// </summary>
/// <param name="Mel">Mel bin index.</param>
/// <param name="Frame">Frame index (valid frames only).</param>
/// <param name="Value">Map value at the peak, dB.</param>
/// <param name="MelFraction">Mel / (n_mels − 1); 0 when there is one band.</param>
/// <param name="TimeFraction">Frame / (frames − 1); 0 when there is one frame.</param>
public sealed record DeviationPeak(int Mel, int Frame, double Value, double MelFraction, double TimeFraction)
{
    /// <summary>Finds the peak of <paramref name="map"/> <c>[n_mels, frames]</c>.</summary>
    public static DeviationPeak Of(double[,] map)
    {
        int nMels = map.GetLength(0), frames = map.GetLength(1);
        if (nMels == 0 || frames == 0) throw new ArgumentException("A deviation peak needs a non-empty map.", nameof(map));
        int bestM = 0, bestT = 0;
        double best = double.NegativeInfinity;
        for (int m = 0; m < nMels; m++)
            for (int t = 0; t < frames; t++)
                if (map[m, t] > best)
                {
                    best = map[m, t];
                    bestM = m;
                    bestT = t;
                }
        return new DeviationPeak(bestM, bestT, best,
            nMels > 1 ? bestM / (double)(nMels - 1) : 0,
            frames > 1 ? bestT / (double)(frames - 1) : 0);
    }
}
