using AnomalyLab.Data;
namespace AnomalyLab.Studies;

/// <summary>Conveniences over <see cref="IReconstructionModel"/>.</summary>
public static class ReconstructionModelExtensions
{
    /// <summary>Reconstructs every clip of <paramref name="batch"/> into a new flat array <c>[Count, NMels, Frames]</c>.</summary>
    public static float[] Reconstruct(this IReconstructionModel model, LogMelBatch batch)
    {
        var result = new float[batch.Values.Length];
        model.Reconstruct(batch, result);
        return result;
    }

    /// <summary>Throws unless a destination of <paramref name="destinationLength"/> values holds exactly the values of <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentException">A destination of another size.</exception>
    public static void RequireDestination(LogMelBatch batch, int destinationLength)
    {
        if (destinationLength != batch.Values.Length)
            throw new ArgumentException($"Reconstruction destination holds {destinationLength} values, the batch [{batch.Count}, {batch.NMels}, {batch.Frames}] has {batch.Values.Length}.");
    }
}
