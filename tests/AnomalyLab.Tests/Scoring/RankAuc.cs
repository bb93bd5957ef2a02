namespace AnomalyLab.Tests.Scoring;

/// <summary>Test-side ROC AUC as the Mann–Whitney statistic with ties counted ½ (an independent check, not the library's metric).</summary>
internal static class RankAuc
{
    public static double Of(IReadOnlyList<double> normal, IReadOnlyList<double> anomalous)
    {
        double wins = 0;
        foreach (double a in anomalous)
            foreach (double b in normal)
                wins += a > b ? 1 : a == b ? 0.5 : 0;
        return wins / (normal.Count * (double)anomalous.Count);
    }
}
