namespace AnomalyLab.Studies;

/// <summary>
/// Agreement of a predicted region with a ground-truth region (both <c>[n_mels, frames]</c> masks):
/// IoU = |P ∩ T| / |P ∪ T|, precision = |P ∩ T| / |P|, recall = |P ∩ T| / |T| (0 when the denominator is 0).
/// </summary>
public sealed record RegionOverlap(double Iou, double Precision, double Recall, int PredictedCells, int TrueCells)
{
    /// <summary>Compares <paramref name="predicted"/> with <paramref name="truth"/>.</summary>
    /// <exception cref="ArgumentException">Masks of different shapes.</exception>
    public static RegionOverlap Of(bool[,] predicted, bool[,] truth)
    {
        if (predicted.GetLength(0) != truth.GetLength(0) || predicted.GetLength(1) != truth.GetLength(1))
            throw new ArgumentException($"Predicted region is [{predicted.GetLength(0)}, {predicted.GetLength(1)}], ground truth is [{truth.GetLength(0)}, {truth.GetLength(1)}].");
        int both = 0, either = 0, p = 0, q = 0;
        for (int m = 0; m < predicted.GetLength(0); m++)
            for (int t = 0; t < predicted.GetLength(1); t++)
            {
                bool a = predicted[m, t], b = truth[m, t];
                if (a) p++;
                if (b) q++;
                if (a && b) both++;
                if (a || b) either++;
            }
        return new RegionOverlap(either > 0 ? both / (double)either : 0, p > 0 ? both / (double)p : 0, q > 0 ? both / (double)q : 0, p, q);
    }
}
