namespace AnomalyLab.Embeddings;

/// <summary>
/// Symmetric joint probabilities P of t-SNE in compressed-row form: the entries of row i are
/// <c>Columns[RowStart[i]..RowStart[i+1]]</c> with <c>Values</c>; all values sum to 1.
/// </summary>
public sealed record SparseAffinities(int Samples, int[] RowStart, int[] Columns, double[] Values)
{
    /// <summary>P[i, j] (0 when not stored).</summary>
    public double this[int i, int j]
    {
        get
        {
            int index = Array.BinarySearch(Columns, RowStart[i], RowStart[i + 1] - RowStart[i], j);
            return index >= 0 ? Values[index] : 0;
        }
    }
}
