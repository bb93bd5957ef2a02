using AnomalyLab.Metrics;

namespace AnomalyLab.Studies.Codes;

/// <summary>
/// Code indices of a group of clips at one quantiser level: <c>[clips, rows, columns]</c> row-major int64 (what
/// <c>VqVae2Pass.BottomCodes</c>/<c>TopCodes</c> hold).
/// </summary>
/// <param name="Codes">Flat indices.</param>
/// <param name="Count">Clips.</param>
/// <param name="Rows">Grid rows (mel direction).</param>
/// <param name="Columns">Grid columns (time direction).</param>
public sealed record CodeGrid(long[] Codes, int Count, int Rows, int Columns)
{
    /// <summary>Positions per clip.</summary>
    public int Positions => Rows * Columns;
}

/// <summary>What one quantiser level shows for one machine id: code usage, where codes change, and the change fraction as a score.</summary>
/// <param name="Level">"bottom" or "top".</param>
/// <param name="Codebook">Codewords in the level's codebook.</param>
/// <param name="Rows">Grid rows.</param>
/// <param name="Columns">Grid columns.</param>
/// <param name="NormalUsage">How often each code occurs over all positions of the normal test clips, <c>[Codebook]</c>.</param>
/// <param name="AnomalyUsage">The same over the anomalous clips, <c>[Codebook]</c>.</param>
/// <param name="NormalPerplexity">exp(entropy) of the normal usage distribution (1 … Codebook).</param>
/// <param name="AnomalyPerplexity">exp(entropy) of the anomalous usage distribution.</param>
/// <param name="NormalCodesUsed">Distinct codes among the normal clips.</param>
/// <param name="AnomalyCodesUsed">Distinct codes among the anomalous clips.</param>
/// <param name="AnomalyOnlyCodes">Codes that occur in anomalous clips and in no normal or reference clip.</param>
/// <param name="AnomalyChange">Per position, the fraction of anomalous clips whose code differs from the reference mode, <c>[Rows, Columns]</c>.</param>
/// <param name="NormalChange">The same over the normal test clips, <c>[Rows, Columns]</c>.</param>
/// <param name="ExcessChange">AnomalyChange − NormalChange: where anomalies change codes more than normal variation does.</param>
/// <param name="NormalScores">Per normal clip, the fraction of positions whose code differs from the reference mode.</param>
/// <param name="AnomalyScores">The same per anomalous clip.</param>
/// <param name="Auc">ROC AUC of the change fraction as an anomaly score (NaN when one class is empty).</param>
/// <param name="PartialAuc">pAUC up to FPR 0.1 (DCASE), standardised as in the DCASE 2020 baseline.</param>
public sealed record CodeLevelStudy(
    string Level, int Codebook, int Rows, int Columns,
    double[] NormalUsage, double[] AnomalyUsage,
    double NormalPerplexity, double AnomalyPerplexity, int NormalCodesUsed, int AnomalyCodesUsed, int AnomalyOnlyCodes,
    double[,] AnomalyChange, double[,] NormalChange, double[,] ExcessChange,
    double[] NormalScores, double[] AnomalyScores, double Auc, double PartialAuc)
{
    /// <summary>
    /// Computes the level's statistics (pure). The reference code of a position is the most frequent code there over
    /// <paramref name="reference"/> (ties: the smallest index); use train normals so the normal change fraction is not
    /// measured against itself.
    /// </summary>
    /// <exception cref="ArgumentException">Grids of different shapes, an empty reference, or a code outside the codebook.</exception>
    public static CodeLevelStudy Compute(string level, int codebook, CodeGrid normal, CodeGrid anomaly, CodeGrid reference)
    {
        if (normal.Rows != anomaly.Rows || normal.Rows != reference.Rows || normal.Columns != anomaly.Columns || normal.Columns != reference.Columns)
            throw new ArgumentException($"{level}: code grids differ in shape ({normal.Rows}×{normal.Columns}, {anomaly.Rows}×{anomaly.Columns}, {reference.Rows}×{reference.Columns}).");
        if (reference.Count == 0) throw new ArgumentException($"{level}: the reference group has no clips.", nameof(reference));
        int rows = normal.Rows, columns = normal.Columns, positions = normal.Positions;
        int[] mode = Modes(reference, codebook, level);
        double[] normalUsage = Usage(normal, codebook, level), anomalyUsage = Usage(anomaly, codebook, level);
        double[] referenceUsage = Usage(reference, codebook, level);
        var (anomalyChange, anomalyScores) = Change(anomaly, mode);
        var (normalChange, normalScores) = Change(normal, mode);
        var excess = new double[rows, columns];
        for (int p = 0; p < positions; p++) excess[p / columns, p % columns] = anomalyChange[p / columns, p % columns] - normalChange[p / columns, p % columns];
        int anomalyOnly = Enumerable.Range(0, codebook).Count(k => anomalyUsage[k] > 0 && normalUsage[k] == 0 && referenceUsage[k] == 0);
        var labels = normalScores.Select(_ => false).Concat(anomalyScores.Select(_ => true)).ToArray();
        var scores = normalScores.Concat(anomalyScores).ToArray();
        bool bothClasses = normalScores.Length > 0 && anomalyScores.Length > 0;
        return new CodeLevelStudy(level, codebook, rows, columns, normalUsage, anomalyUsage,
            Perplexity(normalUsage), Perplexity(anomalyUsage), normalUsage.Count(u => u > 0), anomalyUsage.Count(u => u > 0), anomalyOnly,
            anomalyChange, normalChange, excess, normalScores, anomalyScores,
            bothClasses ? RocAuc.Auc(labels, scores) : double.NaN,
            bothClasses ? RocAuc.PartialAuc(labels, scores) : double.NaN);
    }

    /// <summary>exp(−Σ p log p) of a usage histogram (counts); 0 for an empty one.</summary>
    public static double Perplexity(IReadOnlyList<double> usage)
    {
        double total = usage.Sum();
        if (total <= 0) return 0;
        double entropy = 0;
        foreach (double u in usage)
            if (u > 0) entropy -= u / total * Math.Log(u / total);
        return Math.Exp(entropy);
    }

    private static double[] Usage(CodeGrid grid, int codebook, string level)
    {
        var usage = new double[codebook];
        foreach (long code in grid.Codes)
        {
            if ((ulong)code >= (ulong)codebook) throw new ArgumentException($"{level}: code {code} outside the codebook of {codebook}.");
            usage[code]++;
        }
        return usage;
    }

    private static int[] Modes(CodeGrid reference, int codebook, string level)
    {
        int positions = reference.Positions;
        var mode = new int[positions];
        var counts = new int[codebook];
        var touched = new List<int>();
        for (int p = 0; p < positions; p++)
        {
            for (int c = 0; c < reference.Count; c++)
            {
                long code = reference.Codes[(long)c * positions + p];
                if ((ulong)code >= (ulong)codebook) throw new ArgumentException($"{level}: code {code} outside the codebook of {codebook}.");
                if (counts[code]++ == 0) touched.Add((int)code);
            }
            int best = -1;
            foreach (int k in touched)
                if (best < 0 || counts[k] > counts[best] || (counts[k] == counts[best] && k < best)) best = k;
            mode[p] = best;
            foreach (int k in touched) counts[k] = 0;
            touched.Clear();
        }
        return mode;
    }

    private static (double[,] Map, double[] Scores) Change(CodeGrid grid, int[] mode)
    {
        int positions = grid.Positions;
        var map = new double[grid.Rows, grid.Columns];
        var scores = new double[grid.Count];
        for (int c = 0; c < grid.Count; c++)
        {
            int changed = 0;
            for (int p = 0; p < positions; p++)
            {
                if (grid.Codes[(long)c * positions + p] == mode[p]) continue;
                changed++;
                map[p / grid.Columns, p % grid.Columns]++;
            }
            scores[c] = (double)changed / positions;
        }
        if (grid.Count > 0)
            for (int p = 0; p < positions; p++) map[p / grid.Columns, p % grid.Columns] /= grid.Count;
        return (map, scores);
    }
}
