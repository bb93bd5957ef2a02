using TorchSharp;
using static TorchSharp.torch;

namespace AnomalyLab.Models.VqVae2;

/// <summary>
/// One eval-mode pass of a batch through a <see cref="VqVae2Network"/>, as host arrays (row-major).
/// </summary>
/// <param name="Count">Inputs N.</param>
/// <param name="Reconstruction"><c>decode_general(encode(x))</c>, float32 <c>[N, C, H, W]</c>.</param>
/// <param name="BottomCodes">Nearest bottom codeword per position, <c>[N, H/4, W/4]</c>.</param>
/// <param name="TopCodes">Nearest top codeword per position, <c>[N, H/8, W/8]</c>.</param>
/// <param name="BottomGrid">(rows, columns) of the bottom grid.</param>
/// <param name="TopGrid">(rows, columns) of the top grid.</param>
/// <param name="BottomLatentMeans">Per input, the bottom pre-quantisation latent averaged over positions, <c>[N, D]</c>.</param>
/// <param name="BottomQuantizedMeans">Per input, the bottom quantised latent averaged over positions, <c>[N, D]</c>.</param>
public sealed record VqVae2Pass(int Count, float[] Reconstruction, long[] BottomCodes, long[] TopCodes, (int Rows, int Columns) BottomGrid, (int Rows, int Columns) TopGrid,
    float[] BottomLatentMeans, float[] BottomQuantizedMeans);

/// <summary>Batched eval-mode inference of a <see cref="VqVae2Network"/> over host arrays (what <c>anomalylab reconstruct</c> runs).</summary>
public static class VqVae2Inference
{
    /// <summary>
    /// Reconstructs <paramref name="input"/> <c>[count, C, H, W]</c> (H and W multiples of 8) in eval mode without
    /// touching the codebooks: <c>encode</c> (nearest codewords, top first) then <c>decode_general</c>, in batches of
    /// <paramref name="batchSize"/>, on the network's device.
    /// </summary>
    /// <param name="network">The model (put in eval mode).</param>
    /// <param name="input">Row-major <c>[count, C, height, width]</c>, model units (already normalised).</param>
    /// <param name="count">Inputs.</param>
    /// <param name="height">Rows (mel bands), a multiple of 8.</param>
    /// <param name="width">Columns (frames), a multiple of 8.</param>
    /// <param name="batchSize">Inputs per forward pass.</param>
    /// <param name="reconstruct">False = encode only (codes and latent means; <see cref="VqVae2Pass.Reconstruction"/> is empty).</param>
    /// <exception cref="ArgumentException">A length or shape that does not fit.</exception>
    public static VqVae2Pass Run(VqVae2Network network, float[] input, int count, int height, int width, int batchSize = 16, bool reconstruct = true)
    {
        int channels = network.Options.InputChannels;
        if (count <= 0 || height <= 0 || width <= 0 || height % 8 != 0 || width % 8 != 0)
            throw new ArgumentException($"VQ-VAE-2 inputs must be [N, {channels}, H, W] with N > 0 and H, W positive multiples of 8; got [{count}, {channels}, {height}, {width}].");
        if (input.LongLength != (long)count * channels * height * width)
            throw new ArgumentException($"Input holds {input.LongLength} values; [{count}, {channels}, {height}, {width}] needs {(long)count * channels * height * width}.", nameof(input));
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        network.eval();
        Device device = network.parameters().First().device;
        int size = channels * height * width;
        (int Rows, int Columns) bottomGrid = (height / 4, width / 4), topGrid = (height / 8, width / 8);
        var reconstruction = new float[reconstruct ? input.LongLength : 0];
        var bottom = new long[(long)count * bottomGrid.Rows * bottomGrid.Columns];
        var top = new long[(long)count * topGrid.Rows * topGrid.Columns];
        int dim = network.Options.EmbeddingDim;
        var latentMeans = new float[count * dim];
        var quantizedMeans = new float[count * dim];
        using var noGrad = no_grad();
        for (int start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(batchSize, count - start);
            Tensor x = tensor(input.AsSpan(start * size, n * size).ToArray(), [n, channels, height, width]).to(device);
            using VqVae2Latents latents = network.Latents(x);
            if (reconstruct)
                network.DecodeGeneral(latents.BottomQuantized, latents.TopQuantized).cpu().data<float>().CopyTo(reconstruction.AsSpan(start * size, n * size));
            latents.BottomIndices.cpu().data<long>().CopyTo(bottom.AsSpan(start * bottomGrid.Rows * bottomGrid.Columns, n * bottomGrid.Rows * bottomGrid.Columns));
            latents.TopIndices.cpu().data<long>().CopyTo(top.AsSpan(start * topGrid.Rows * topGrid.Columns, n * topGrid.Rows * topGrid.Columns));
            latents.BottomLatent.mean([2, 3]).cpu().data<float>().CopyTo(latentMeans.AsSpan(start * dim, n * dim));
            latents.BottomQuantized.mean([2, 3]).cpu().data<float>().CopyTo(quantizedMeans.AsSpan(start * dim, n * dim));
        }
        return new VqVae2Pass(count, reconstruction, bottom, top, bottomGrid, topGrid, latentMeans, quantizedMeans);
    }
}
