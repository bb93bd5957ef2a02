using AnomalyLab.Runtime;
using AnomalyLab.Masks;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AnomalyLab.Models.VqVae2;

/// <summary>
/// DSR's anomaly generation in the latent space of a trained <see cref="VqVae2Network"/>: the mask (spectrogram size)
/// is reduced to each latent grid by max pooling (<see cref="MaskResize.MaxPoolToGrid"/>: any covered input pixel marks the latent cell), the codes inside are
/// replaced by "distant" codewords, and the general decoder turns the edited grids into a synthetic anomalous
/// spectrogram. All random choices come from one <see cref="Random"/> seeded by the caller (same seed → same output).
/// </summary>
public sealed class DsrAnomalyGenerator
{
    private readonly VqVae2Network network;

    /// <summary>Creates a generator over <paramref name="network"/> (not owned).</summary>
    public DsrAnomalyGenerator(VqVae2Network network, DsrAnomalyOptions? options = null)
    {
        this.network = network;
        Options = (options ?? DsrAnomalyOptions.Default).Validate();
    }

    /// <summary>The settings in use.</summary>
    public DsrAnomalyOptions Options { get; }

    /// <summary>
    /// Generates anomalous versions of <paramref name="input"/> <c>[B, C, H, W]</c> inside <paramref name="mask"/>
    /// <c>[B, 1, H, W]</c> (non-zero = anomalous). Returns <c>[B, C, H, W]</c> on the input's device.
    /// </summary>
    public Tensor Generate(Tensor input, Tensor mask, int seed)
    {
        if (mask.dim() != 4 || mask.shape[0] != input.shape[0] || mask.shape[1] != 1 || mask.shape[2] != input.shape[2] || mask.shape[3] != input.shape[3])
            throw new ArgumentException(
                $"DSR mask must be [B, 1, H, W] matching the input [{string.Join(", ", input.shape)}]; found [{string.Join(", ", mask.shape)}].", nameof(mask));
        var random = new Random(seed);
        using FinalizerPause pause = FinalizerPause.Begin();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int batch = (int)input.shape[0];
        var (useTop, useBottom) = ChooseLevels(batch, random);
        double[] strengths = Enumerable.Range(0, batch).Select(_ => Options.StrengthMin + (Options.StrengthMax - Options.StrengthMin) * random.NextDouble()).ToArray();

        VqVae2Latents latents = network.Latents(input);
        var (maskTop, maskBottom) = LatentMasks(mask, latents.TopQuantized, latents.BottomQuantized);
        Tensor top = Replace(latents.TopLatent, latents.TopQuantized, maskTop, useTop, strengths, network.TopQuantizer, random);
        Tensor bottom = Replace(latents.BottomLatent, latents.BottomQuantized, maskBottom, useBottom, strengths, network.BottomQuantizer, random);
        return network.DecodeGeneral(bottom, top).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Array form of <see cref="Generate(Tensor, Tensor, int)"/>: <paramref name="input"/> and the result are
    /// <c>[batch, C, H, W]</c> row-major float32, <paramref name="mask"/> is <c>[batch, 1, H, W]</c>.
    /// </summary>
    public float[] Generate(float[] input, float[] mask, int batch, int seed)
    {
        VqVae2Options o = network.Options;
        long[] shape = [batch, o.InputChannels, o.InputHeight, o.InputWidth];
        if (input.Length != batch * o.InputChannels * o.InputHeight * o.InputWidth)
            throw new ArgumentException($"Input holds {input.Length} values; expected {batch}×{o.InputChannels}×{o.InputHeight}×{o.InputWidth}.", nameof(input));
        if (mask.Length != batch * o.InputHeight * o.InputWidth)
            throw new ArgumentException($"Mask holds {mask.Length} values; expected {batch}×1×{o.InputHeight}×{o.InputWidth}.", nameof(mask));
        using var scope = NewDisposeScope();
        Device device = network.parameters().First().device;
        Tensor x = tensor(input, shape).to(device);
        Tensor m = tensor(mask, [batch, 1, o.InputHeight, o.InputWidth]).to(device);
        return Generate(x, m, seed).cpu().data<float>().ToArray();
    }

    /// <summary>
    /// The mask <c>[B, 1, H, W]</c> (non-zero = anomalous) reduced to the top and bottom code grids of <paramref name="top"/> and
    /// <paramref name="bottom"/> (<c>[B, D, h, w]</c>) with DSR's rule, <see cref="MaskResize.MaxPoolToGrid"/>: a latent cell is 1 when
    /// any pixel of its window is. Returns float32 0/1 tensors <c>[B, 1, h, w]</c> on the latents' device.
    /// </summary>
    public static (Tensor Top, Tensor Bottom) LatentMasks(Tensor mask, Tensor top, Tensor bottom)
    {
        int batch = (int)mask.shape[0], height = (int)mask.shape[2], width = (int)mask.shape[3];
        float[] binary = mask.cpu().to(float32).gt(0).to(float32).data<float>().ToArray();
        var masks = new MaskBatch(batch, height, width, binary);
        return (ToTensor(MaskResize.MaxPoolToGrid(masks, new LatentGrid((int)top.shape[2], (int)top.shape[3])), top.device),
            ToTensor(MaskResize.MaxPoolToGrid(masks, new LatentGrid((int)bottom.shape[2], (int)bottom.shape[3])), bottom.device));
    }

    private static Tensor ToTensor(MaskBatch masks, Device device) =>
        tensor(masks.Data, [masks.Batch, 1L, masks.Height, masks.Width]).to(device);

    private (bool[] Top, bool[] Bottom) ChooseLevels(int batch, Random random)
    {
        var top = new bool[batch];
        var bottom = new bool[batch];
        for (int i = 0; i < batch; i++)
        {
            switch (Options.Level)
            {
                case DsrLatentLevel.Top: top[i] = true; break;
                case DsrLatentLevel.Bottom: bottom[i] = true; break;
                case DsrLatentLevel.Both: top[i] = bottom[i] = true; break;
                default:
                    if (random.NextDouble() < 0.5) top[i] = bottom[i] = true;
                    else if (random.NextDouble() < 0.5) top[i] = true;
                    else bottom[i] = true;
                    break;
            }
        }
        return (top, bottom);
    }

    private Tensor Replace(Tensor latent, Tensor quantized, Tensor gridMask, bool[] use, double[] strengths, EmaVectorQuantizer quantizer, Random random)
    {
        int batch = (int)latent.shape[0], d = (int)latent.shape[1], h = (int)latent.shape[2], w = (int)latent.shape[3];
        int k = quantizer.NumEmbeddings;
        int skip = (int)(k * Options.SkipNearestFraction);
        var perSample = new List<Tensor>(batch);
        for (int i = 0; i < batch; i++)
        {
            if (!use[i])
            {
                perSample.Add(quantized[i]);
                continue;
            }
            Tensor flat = latent[i].permute(1, 2, 0).reshape(h * w, d);
            Tensor distances = quantizer.Distances(flat);
            int nearest = Math.Clamp((int)(strengths[i] * k) + 1, 1, k - 1);
            // Candidates are the nearest `nearest` codewords minus the closest `skip`; keep at least one.
            int first = Math.Min(skip, nearest - 1);
            Tensor order = distances.topk(nearest, dim: 1, largest: false, sorted: true).indexes.narrow(1, first, nearest - first);
            long[] pick = new long[h * w];
            for (int p = 0; p < pick.Length; p++) pick[p] = random.Next(nearest - first);
            Tensor column = tensor(pick, [h * w, 1L]).to(order.device);
            Tensor codes = order.gather(1, column).squeeze(1);
            Tensor replacement = quantizer.Codebook.index_select(0, codes).view(h, w, d).permute(2, 0, 1);
            Tensor m = gridMask[i];
            perSample.Add(quantized[i] * (1 - m) + replacement * m);
        }
        return stack(perSample, 0);
    }
}
