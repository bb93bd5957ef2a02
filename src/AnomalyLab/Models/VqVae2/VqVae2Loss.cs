using static TorchSharp.torch;

namespace AnomalyLab.Models.VqVae2;

/// <summary>The VQ-VAE-2 training loss: MSE(reconstruction, input) + the commitment losses of both levels.</summary>
public static class VqVae2Loss
{
    /// <summary>
    /// Loss of <paramref name="batch"/> <c>[B, C, H, W]</c> given the network's <paramref name="output"/> on it. Parts: "recon",
    /// "vq" (both commitment losses), "perplexity_b" and "perplexity_t" (codebook use, reported only).
    /// </summary>
    public static TrainingLoss Compute(VqVae2Output output, Tensor batch)
    {
        Tensor reconstruction = nn.functional.mse_loss(output.Reconstruction, batch);
        Tensor vq = output.Bottom.CommitmentLoss + output.Top.CommitmentLoss;
        return new TrainingLoss(reconstruction + vq, [("recon", reconstruction), ("vq", vq), ("perplexity_b", output.Bottom.Perplexity), ("perplexity_t", output.Top.Perplexity)]);
    }
}
