using static TorchSharp.torch;

namespace AnomalyLab.Models.DenseAutoencoder;

/// <summary>The dense autoencoder training loss: MSE over the context vectors (DCASE 2020 baseline).</summary>
public static class DenseAutoencoderLoss
{
    /// <summary>Loss of <paramref name="batch"/> <c>[B, InputDim]</c> given its <paramref name="reconstruction"/>. Part: "recon".</summary>
    public static TrainingLoss Compute(Tensor reconstruction, Tensor batch)
    {
        Tensor loss = nn.functional.mse_loss(reconstruction, batch);
        return new TrainingLoss(loss, [("recon", loss)]);
    }
}
