using static TorchSharp.torch;

namespace AnomalyLab.Models.ConvVae;

/// <summary>The conv VAE training loss: per-pixel MSE + KlWeight × KL(q(z|x) ‖ N(0, I)) per input pixel.</summary>
public static class ConvVaeLoss
{
    /// <summary>
    /// Loss of <paramref name="batch"/> <c>[B, C, H, W]</c> given the network's <paramref name="output"/> on it, with the KL term
    /// weighted by <paramref name="klWeight"/> (<see cref="ConvVaeOptions.KlWeight"/>). Parts: "recon", "kl".
    /// </summary>
    public static TrainingLoss Compute(ConvVaeOutput output, Tensor batch, double klWeight)
    {
        Tensor reconstruction = nn.functional.mse_loss(output.Reconstruction, batch);
        // KL per sample, summed over latent dimensions, then spread over the input pixels so that it weighs against
        // the per-pixel MSE as in the (unit-variance Gaussian) ELBO.
        long pixels = batch.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        Tensor kl = (-0.5 * (1 + output.LogVariance - output.Mean.pow(2) - output.LogVariance.exp())).sum(1).mean() / pixels;
        return new TrainingLoss(reconstruction + klWeight * kl, [("recon", reconstruction), ("kl", kl)]);
    }
}
